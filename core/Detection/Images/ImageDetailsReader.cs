using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Detection.Images;

/// <summary>
/// Reads an image's details the way an engine's pull finds its config: the manifest at the digest; when that is an
/// index, the manifest it holds for the platform; then that manifest's config blob. Every body must hash to the digest
/// it was asked by. The fetching itself (connection, auth, timeouts, size limits) is the caller's
/// (<see cref="RegistryClient.GetImageDetailsAsync"/>).
/// </summary>
/// <param name="image">The repository, for messages.</param>
/// <param name="fetchManifest">GETs the manifest at a digest.</param>
/// <param name="fetchBlob">GETs the blob at a digest, given the largest size to read.</param>
internal sealed class ImageDetailsReader(
    ImageReference image,
    Func<string, CancellationToken, Task<RegistryAnswer>> fetchManifest,
    Func<string, int, CancellationToken, Task<RegistryAnswer>> fetchBlob)
{
    /// <summary>The largest config blob read. Real ones are a few KiB; Docker Hub caps a manifest at 4 MiB, and a config is no bigger.</summary>
    public const int MaxConfigBytes = 4 * 1024 * 1024;

    /// <summary>The platform picked from an index when the caller names none.</summary>
    public static Platform DefaultPlatform { get; } = Platform.Of("linux", "amd64", null)!;

    /// <param name="platform">The platform to pick from an index; <see cref="DefaultPlatform"/> when null. A single manifest is read whatever its platform.</param>
    public async Task<ImageDetailsLookup> ReadAsync(string digest, Platform? platform, CancellationToken cancellationToken)
    {
        var top = await FetchVerifiedAsync(fetchManifest, digest, "a manifest", cancellationToken);
        if (top.Error is not null)
        {
            return ImageDetailsLookup.Failed(top.Error);
        }

        var kind = ManifestIndex.Read(top.Body, top.MediaType);
        if (kind.Error is not null)
        {
            return ImageDetailsLookup.Failed($"{At(digest)}: {kind.Error}");
        }

        var manifest = top;
        var manifestDigest = digest;
        Platform? picked = null;
        if (kind.Index is { } index)
        {
            picked = platform ?? DefaultPlatform;
            if (index.Find(picked) is not { } entry)
            {
                return ImageDetailsLookup.Failed($"{At(digest)} has no manifest for {picked}");
            }

            manifestDigest = entry.Digest;
            manifest = await FetchVerifiedAsync(fetchManifest, manifestDigest, "a manifest", cancellationToken);
            if (manifest.Error is not null)
            {
                return ImageDetailsLookup.Failed(manifest.Error);
            }
        }

        if (!ImageManifest.TryReadConfig(manifest.Body, manifest.MediaType, out var config, out var error))
        {
            return ImageDetailsLookup.Failed($"{At(manifestDigest)}: {error}");
        }

        if (config.Size > MaxConfigBytes)
        {
            return ImageDetailsLookup.Failed($"the config of {At(manifestDigest)} is larger than {MaxConfigBytes / 1024 / 1024} MiB");
        }

        var blob = await FetchVerifiedAsync((d, t) => fetchBlob(d, MaxConfigBytes, t), config.Digest, "a blob", cancellationToken);
        if (blob.Error is not null)
        {
            return ImageDetailsLookup.Failed(blob.Error);
        }

        if (!ImageConfigFile.TryRead(blob.Body, out var file, out error))
        {
            return ImageDetailsLookup.Failed($"the config of {At(manifestDigest)}: {error}");
        }

        return ImageDetailsLookup.Found(new ImageDetails(
            digest, manifestDigest == digest ? null : manifestDigest, picked ?? file.Platform, file.Created, file.Labels, file.Config));
    }

    private async Task<Verified> FetchVerifiedAsync(Func<string, CancellationToken, Task<RegistryAnswer>> fetch, string digest, string what, CancellationToken cancellationToken)
    {
        var answer = await fetch(digest, cancellationToken);
        if (answer.Error is not null)
        {
            return new Verified([], null, answer.Error);
        }

        // Content addressed: a body of another digest is not what was asked for, whatever it says.
        return Digests.Of(answer.Body) == digest
            ? new Verified(answer.Body!, answer.MediaType, null)
            : new Verified([], null, $"{image.Registry} answered {At(digest)} with {what} of another digest");
    }

    private string At(string digest) => $"{image.Name}@{digest}";

    private readonly record struct Verified(byte[] Body, string? MediaType, string? Error);
}
