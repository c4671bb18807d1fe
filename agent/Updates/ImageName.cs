namespace Dockward.Agent.Updates;

/// <summary>The repository and tag parts of an image reference as the engine takes them (<c>repo[:tag]</c>).</summary>
internal sealed record ImageName(string Repository, string Tag)
{
    public static ImageName Parse(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var withoutDigest = at >= 0 ? reference[..at] : reference;
        var colon = withoutDigest.LastIndexOf(':');
        return colon > withoutDigest.LastIndexOf('/')
            ? new ImageName(withoutDigest[..colon], withoutDigest[(colon + 1)..])
            : new ImageName(withoutDigest, "latest");
    }

    /// <summary>
    /// The registry the repository lives on: its first component when that looks like a host (a dot, a port,
    /// or localhost), as the distribution reference grammar reads it; otherwise Docker Hub.
    /// </summary>
    public string Registry
    {
        get
        {
            var slash = Repository.IndexOf('/', StringComparison.Ordinal);
            var first = slash < 0 ? "" : Repository[..slash];
            return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
                ? first
                : "docker.io";
        }
    }

    /// <summary><c>repo@digest</c>, the form pulls and RepoDigests use.</summary>
    public string WithDigest(string digest) => $"{Repository}@{digest}";

    public override string ToString() => $"{Repository}:{Tag}";
}
