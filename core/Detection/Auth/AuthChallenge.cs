namespace Dockward.Core.Detection.Auth;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge: <c>Bearer realm="…",service="…",scope="…"</c> or <c>Basic realm="…"</c>
/// (RFC 9110 §11.6.1 auth-params; the Docker token flow adds service and scope).
/// </summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>The first Bearer (else Basic) challenge of a response, or null when it has none usable.</summary>
    public static AuthChallenge? From(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("WWW-Authenticate", out var values))
        {
            return null;
        }

        var challenges = values.Select(Parse).OfType<AuthChallenge>().ToList();
        return challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic);
    }

    /// <summary>
    /// Parses one challenge. Malformed input (no scheme, an unterminated quote, a parameter without a value,
    /// a Bearer challenge without a realm) gives null; this never throws.
    /// </summary>
    public static AuthChallenge? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.Trim();
        var i = 0;
        while (i < text.Length && IsTokenChar(text[i]))
        {
            i++;
        }

        if (i == 0 || (i < text.Length && !char.IsWhiteSpace(text[i])))
        {
            return null;
        }

        var scheme = text[..i];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            i = SkipWhile(text, i, c => char.IsWhiteSpace(c) || c == ',');
            if (i >= text.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                i++;
            }

            var name = text[nameStart..i];
            i = SkipWhile(text, i, char.IsWhiteSpace);
            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                return null;
            }

            i = SkipWhile(text, i + 1, char.IsWhiteSpace);
            string? value = i < text.Length && text[i] == '"' ? ReadQuoted(text, ref i) : ReadToken(text, ref i);
            if (value is null)
            {
                return null;
            }

            parameters[name] = value;
            i = SkipWhile(text, i, char.IsWhiteSpace);
            if (i < text.Length && text[i] != ',')
            {
                return null;
            }
        }

        var challenge = new AuthChallenge(scheme, parameters);
        return challenge.IsBearer && string.IsNullOrEmpty(challenge.Realm) ? null : challenge;
    }

    private static string? ReadQuoted(string text, ref int i)
    {
        var value = new System.Text.StringBuilder();
        for (i++; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                i++;
                return value.ToString();
            }

            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            value.Append(text[i]);
        }

        return null; // unterminated quote
    }

    private static string? ReadToken(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsTokenChar(text[i]))
        {
            i++;
        }

        return i == start ? null : text[start..i];
    }

    private static int SkipWhile(string text, int i, Func<char, bool> skip)
    {
        while (i < text.Length && skip(text[i]))
        {
            i++;
        }

        return i;
    }

    // RFC 9110 tchar, plus '/' and ':' which some registries leave unquoted in scope values.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~/:".Contains(c, StringComparison.Ordinal);
}
