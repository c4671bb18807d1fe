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

    /// <summary><c>repo@digest</c>, the form pulls and RepoDigests use.</summary>
    public string WithDigest(string digest) => $"{Repository}@{digest}";

    public override string ToString() => $"{Repository}:{Tag}";
}
