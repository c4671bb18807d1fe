namespace Dockward.Core.Detection;

/// <summary>The registry's answer for one tag: its manifest digest, or why there is none.</summary>
internal sealed record DigestLookup(string? Digest, string? Error)
{
    public static DigestLookup Found(string digest) => new(digest, null);

    public static DigestLookup Failed(string error) => new(null, error);
}
