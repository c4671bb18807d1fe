namespace Dockward.Core.Detection.Images;

/// <summary>
/// The defaults an image gives a container created from it (the <c>config</c> of the OCI image config,
/// github.com/opencontainers/image-spec/blob/main/config.md): a container that sets none of its own runs with these.
/// Empty strings and empty lists read as absent (null), as the engine treats them.
/// </summary>
/// <param name="Env">The <c>NAME=value</c> entries, in the image's order; empty when none.</param>
/// <param name="ExposedPorts">Ports as <c>port/protocol</c> (<c>8080/tcp</c>), sorted; empty when none.</param>
/// <param name="Volumes">Mount points, sorted; empty when none.</param>
internal sealed record ImageRuntimeConfig(
    IReadOnlyList<string> Env,
    IReadOnlyList<string>? Cmd,
    IReadOnlyList<string>? Entrypoint,
    string? WorkingDir,
    string? User,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyList<string> Volumes,
    string? StopSignal,
    ImageHealthcheck? Healthcheck,
    IReadOnlyList<string>? Shell)
{
    /// <summary>An image that sets no runtime defaults at all.</summary>
    public static ImageRuntimeConfig Empty { get; } = new([], null, null, null, null, [], [], null, null, null);
}
