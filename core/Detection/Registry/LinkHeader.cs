namespace Dockward.Core.Detection.Registry;

/// <summary>
/// The <c>rel="next"</c> target of HTTP <c>Link</c> headers (RFC 8288 §3): <c>&lt;uri&gt;; rel="next"</c>, several links
/// separated by commas, <c>rel</c> quoted or not and possibly naming several space-separated relations.
/// </summary>
internal static class LinkHeader
{
    /// <summary>The URI reference of the first link whose relations include <c>next</c>, as written (relative or absolute); null when none.</summary>
    public static string? FindNext(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            var at = 0;
            while (at < value.Length)
            {
                var open = value.IndexOf('<', at);
                if (open < 0)
                {
                    break;
                }

                var close = value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    return null;
                }

                var target = value[(open + 1)..close];
                var end = NextLinkStart(value, close + 1);
                if (HasNextRelation(value[(close + 1)..end]))
                {
                    return target.Trim();
                }

                at = end;
            }
        }

        return null;
    }

    // A link's parameters run to the next comma outside a quoted string.
    private static int NextLinkStart(string value, int from)
    {
        var quoted = false;
        for (var i = from; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == ',' && !quoted)
            {
                return i + 1;
            }
        }

        return value.Length;
    }

    private static bool HasNextRelation(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                var relations = parameter[(equals + 1)..].Trim().Trim('"').TrimEnd(',');
                return relations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("next", StringComparison.OrdinalIgnoreCase));
            }
        }

        return false;
    }
}
