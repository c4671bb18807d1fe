using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dockward.Testing;

namespace Dockward.Core.Tests.Detection.Images;

/// <summary>
/// Pushes an image whose config blob is exactly the JSON a test writes (created date, labels, runtime defaults),
/// through the real registry's API: the config blob, one small layer, an OCI manifest over them.
/// </summary>
internal static class ConfigUploads
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Pushes the image and tags it; returns the manifest's digest and its config blob's.</summary>
    /// <param name="config">The image config's <c>config</c> object (Env, ExposedPorts, Healthcheck, …).</param>
    public static async Task<(string Digest, string ConfigDigest)> PushAsync(RegistryServer registry, string repository, string tag, DateTimeOffset created, JsonObject config)
    {
        var image = new JsonObject
        {
            ["created"] = created.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = config,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray() },
        };
        var configBlob = await PushBlobAsync(registry, repository, Encoding.UTF8.GetBytes(image.ToJsonString()));
        var layerBlob = await PushBlobAsync(registry, repository, Encoding.UTF8.GetBytes($"layer of {repository}:{tag}"));
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = RegistryUploads.OciManifest,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", configBlob),
            ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layerBlob)),
        }.ToJsonString());
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(RegistryUploads.OciManifest);
        using var put = await Http.PutAsync(new Uri($"http://{registry.Host}/v2/{repository}/manifests/{tag}"), content);
        put.EnsureSuccessStatusCode();
        return (DigestOf(manifest), configBlob.Digest);
    }

    private static async Task<(string Digest, long Size)> PushBlobAsync(RegistryServer registry, string repository, byte[] bytes)
    {
        var digest = DigestOf(bytes);
        using var start = await Http.PostAsync(new Uri($"http://{registry.Host}/v2/{repository}/blobs/uploads/"), null);
        start.EnsureSuccessStatusCode();
        var location = new Uri(new Uri($"http://{registry.Host}/"), start.Headers.Location!);
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await Http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}"), content);
        put.EnsureSuccessStatusCode();
        return (digest, bytes.Length);
    }

    private static JsonObject Descriptor(string mediaType, (string Digest, long Size) blob) =>
        new() { ["mediaType"] = mediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };

    private static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
