using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Detection.Images;

/// <summary>
/// What an image's config blob says about it: when it was built, its labels, and the runtime defaults it gives a
/// container. Read by digest, so it never changes (<see cref="RegistryClient.GetImageDetailsAsync"/>).
/// </summary>
/// <param name="Digest">The manifest digest asked for: an index's or a single manifest's.</param>
/// <param name="PlatformDigest">The platform manifest's digest when <see cref="Digest"/> is an index; null for a single manifest.</param>
/// <param name="Platform">The platform these details describe (the index entry picked, else the config's own); null when neither says.</param>
/// <param name="Created">The config's <c>created</c>; null when absent, unreadable or Go's zero time.</param>
/// <param name="Labels">The config's labels; empty when none.</param>
/// <param name="Config">The runtime defaults.</param>
internal sealed record ImageDetails(
    string Digest,
    string? PlatformDigest,
    Platform? Platform,
    DateTimeOffset? Created,
    IReadOnlyDictionary<string, string> Labels,
    ImageRuntimeConfig Config)
{
    /// <summary><c>org.opencontainers.image.version</c>: the packaged software's version.</summary>
    public string? Version => Label("org.opencontainers.image.version");

    /// <summary><c>org.opencontainers.image.revision</c>: the source control revision it was built from.</summary>
    public string? Revision => Label("org.opencontainers.image.revision");

    /// <summary><c>org.opencontainers.image.source</c>: where its source lives.</summary>
    public string? Source => Label("org.opencontainers.image.source");

    /// <summary><c>org.opencontainers.image.title</c>: its human-readable name.</summary>
    public string? Title => Label("org.opencontainers.image.title");

    /// <summary><c>org.opencontainers.image.url</c>: where to find out more about it.</summary>
    public string? Url => Label("org.opencontainers.image.url");

    private string? Label(string name) => Labels.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
