using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Detection.Images;

/// <summary>
/// Reads the config descriptor of a single-platform image manifest (OCI image manifest or Docker v2 schema 2;
/// github.com/opencontainers/image-spec/blob/main/manifest.md). Artifacts whose config is not an image config
/// (Helm charts, signatures) are refused: they describe no container.
/// </summary>
internal static class ImageManifest
{
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>
    /// The manifest's config descriptor; false with <paramref name="error"/> when the body is not an image manifest.
    /// <paramref name="contentType"/> is the registry's Content-Type; when it is not a manifest type the body's own
    /// <c>mediaType</c> decides, and a body with neither is read if it names a config.
    /// </summary>
    public static bool TryReadConfig(ReadOnlySpan<byte> body, string? contentType, [NotNullWhen(true)] out ConfigDescriptor? config, [NotNullWhen(false)] out string? error)
    {
        config = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the manifest is not a JSON object";
                return false;
            }

            // Some registries answer a manifest as plain JSON: then the body's own mediaType says what it is.
            var declared = String(root, "mediaType");
            var type = ManifestMediaTypes.IsManifest(contentType) ? contentType
                : declared ?? (contentType is null or "application/json" or "application/octet-stream" ? null : contentType);
            if (type is not null && !ManifestMediaTypes.IsManifest(type))
            {
                error = $"the manifest has an unsupported media type '{Truncate(type)}'";
                return false;
            }

            if (!root.TryGetProperty("config", out var descriptor) || descriptor.ValueKind != JsonValueKind.Object)
            {
                // Schema 1 manifests and other pre-OCI formats have no config: nothing to read details from.
                error = "the manifest names no config";
                return false;
            }

            var digest = String(descriptor, "digest");
            if (!Digests.IsValid(digest))
            {
                error = $"the manifest's config has a malformed digest '{Truncate(digest ?? "")}'";
                return false;
            }

            var mediaType = String(descriptor, "mediaType");
            if (mediaType is not null and not OciConfig and not DockerConfig)
            {
                error = $"the manifest is not a container image (its config is '{Truncate(mediaType)}')";
                return false;
            }

            if (!descriptor.TryGetProperty("size", out var size) || !size.TryGetInt64(out var bytes) || bytes < 0)
            {
                error = "the manifest's config has no valid size";
                return false;
            }

            config = new ConfigDescriptor(digest, mediaType, bytes);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the manifest is not valid JSON ({e.Message})";
            return false;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
