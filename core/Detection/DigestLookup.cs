using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Detection;

/// <summary>
/// The registry's answer for one tag: its manifest digest and media type, or why there is none. The media type
/// is null when the registry did not send one.
/// </summary>
internal sealed record DigestLookup(string? Digest, string? Error, string? MediaType = null)
{
    /// <summary>True when the tag points at an OCI index or Docker manifest list (one manifest per platform).</summary>
    public bool IsIndex => ManifestMediaTypes.IsIndex(MediaType);

    public static DigestLookup Found(string digest, string? mediaType = null) => new(digest, null, mediaType);

    public static DigestLookup Failed(string error) => new(null, error);
}
