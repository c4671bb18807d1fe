namespace Dockward.Core.Detection.Registry;

/// <summary>
/// What a manifest digest holds, as far as platforms go: an index (<see cref="Index"/>), a single-platform manifest
/// (<see cref="IsSingleManifest"/>), or why it could not be read (<see cref="Error"/>).
/// </summary>
internal sealed record IndexLookup(ManifestIndex? Index, bool IsSingleManifest, string? Error)
{
    public static IndexLookup Found(ManifestIndex index) => new(index, false, null);

    public static IndexLookup SingleManifest() => new(null, true, null);

    public static IndexLookup Failed(string error) => new(null, false, error);
}
