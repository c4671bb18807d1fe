using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Dockward.Core.Detection;

/// <summary>
/// A parsed, normalised image reference per the distribution reference grammar
/// (github.com/distribution/reference): <c>[domain[:port]/]path[:tag][@digest]</c>,
/// with Docker Hub's defaults filled in (<c>docker.io</c>, <c>library/</c>, <c>latest</c>).
/// </summary>
internal sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    /// <summary>The host to send Registry v2 calls to (Docker Hub's API lives on another name).</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>The repository without tag or digest, e.g. <c>docker.io/library/nginx</c>.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The canonical form, e.g. <c>docker.io/library/nginx:latest</c>.</summary>
    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>True when both name the same repository on the same registry.</summary>
    public bool SameRepository(ImageReference other) => Registry == other.Registry && Repository == other.Repository;

    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses and normalises <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "image reference is empty";
            return false;
        }

        if (text.Length > 512 || text.Any(char.IsWhiteSpace))
        {
            error = $"'{Truncate(text)}' is not an image reference (too long or contains spaces)";
            return false;
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                error = $"'{Truncate(text)}' has an invalid digest '{Truncate(digest)}' (expected sha256:<64 hex>)";
                return false;
            }
        }

        string? tag = null;
        var lastColon = rest.LastIndexOf(':');
        if (lastColon > rest.LastIndexOf('/'))
        {
            tag = rest[(lastColon + 1)..];
            rest = rest[..lastColon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"'{Truncate(text)}' has an invalid tag '{Truncate(tag)}'";
                return false;
            }
        }

        var registry = DockerHub;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            // The first component is a registry only if it looks like a host: a dot, a port, or localhost.
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                if (!DomainPattern().IsMatch(first))
                {
                    error = $"'{Truncate(text)}' has an invalid registry host '{Truncate(first)}'";
                    return false;
                }

                registry = first == "index.docker.io" ? DockerHub : first;
                rest = rest[(slash + 1)..];
            }
        }

        if (rest.Length == 0 || rest.Split('/').Any(component => !PathComponentPattern().IsMatch(component)))
        {
            error = $"'{Truncate(text)}' has an invalid repository path '{Truncate(rest)}' (lowercase letters, digits and . _ - separators)";
            return false;
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }

        reference = new ImageReference(registry, rest, tag ?? (digest is null ? "latest" : null), digest);
        error = null;
        return true;
    }

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex PathComponentPattern();

    // The grammar's \w is ASCII ([a-zA-Z0-9_]); .NET's \w also matches non-ASCII letters and digits.
    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex DomainPattern();
}
