namespace Dockward.Core.Detection.Registry;

/// <summary>The manifest digest an index holds for one platform, or why there is none.</summary>
internal sealed record PlatformLookup(string? Digest, string? Error)
{
    public static PlatformLookup Found(string digest) => new(digest, null);

    public static PlatformLookup Failed(string error) => new(null, error);
}
