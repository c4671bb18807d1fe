using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Dockward.Testing;

/// <summary>
/// Pushes tiny images straight through the Registry v2 API (blob upload, manifest PUT), no engine involved: single
/// manifests (OCI or Docker v2) for any platform, OCI indexes and Docker manifest lists over them, and BuildKit-style
/// attestation manifests. For tests of what a registry answers about multi-platform tags.
/// </summary>
public static class RegistryUploads
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Pushes a single-platform manifest with a config for <paramref name="platform"/> (<c>os/arch[/variant]</c>) and one
    /// layer whose bytes come from <paramref name="seed"/> (a new seed, a new digest). Tagged when <paramref name="tag"/> is set.
    /// </summary>
    public static async Task<Pushed> PushManifestAsync(RegistryServer registry, string repository, string platform, string seed, string mediaType = OciManifest, string? tag = null)
    {
        var parts = platform.Split('/');
        var config = new JsonObject { ["architecture"] = parts[1], ["os"] = parts[0], ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray() } };
        if (parts.Length > 2)
        {
            config["variant"] = parts[2];
        }

        var oci = mediaType == OciManifest;
        var configBlob = await PushBlobAsync(registry, repository, Encoding.UTF8.GetBytes(config.ToJsonString()));
        var layerBlob = await PushBlobAsync(registry, repository, Encoding.UTF8.GetBytes($"layer {seed} {platform}"));
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["config"] = Descriptor(oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json", configBlob),
            ["layers"] = new JsonArray(Descriptor(oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip", layerBlob)),
        };
        return await PutManifestAsync(registry, repository, tag, mediaType, manifest);
    }

    /// <summary>
    /// Pushes an attestation manifest for <paramref name="subject"/> the way BuildKit stores one
    /// (docs.docker.com/build/metadata/attestations/attestation-storage/): an OCI manifest with an in-toto layer.
    /// </summary>
    public static async Task<Pushed> PushAttestationAsync(RegistryServer registry, string repository, Pushed subject)
    {
        var configBlob = await PushBlobAsync(registry, repository, Encoding.UTF8.GetBytes("""{"architecture":"unknown","os":"unknown","rootfs":{"type":"layers","diff_ids":[]}}"""));
        var statement = await PushBlobAsync(registry, repository, Encoding.UTF8.GetBytes($$"""{"_type":"https://in-toto.io/Statement/v0.1","subject":"{{subject.Digest}}"}"""));
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciManifest,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", configBlob),
            ["layers"] = new JsonArray(Descriptor("application/vnd.in-toto+json", statement)),
        };
        return await PutManifestAsync(registry, repository, null, OciManifest, manifest);
    }

    /// <summary>Pushes an index (<see cref="OciIndex"/> or <see cref="DockerManifestList"/>) over already pushed manifests and tags it.</summary>
    public static async Task<Pushed> PushIndexAsync(RegistryServer registry, string repository, string tag, string mediaType, params Entry[] entries)
    {
        var manifests = new JsonArray();
        foreach (var entry in entries)
        {
            var parts = entry.Platform.Split('/');
            var platform = new JsonObject { ["architecture"] = parts[1], ["os"] = parts[0] };
            if (parts.Length > 2)
            {
                platform["variant"] = parts[2];
            }

            var descriptor = new JsonObject
            {
                ["mediaType"] = entry.Manifest.MediaType,
                ["digest"] = entry.Manifest.Digest,
                ["size"] = entry.Manifest.Size,
                ["platform"] = platform,
            };
            if (entry.AttestationFor is { } subject)
            {
                descriptor["annotations"] = new JsonObject
                {
                    ["vnd.docker.reference.type"] = "attestation-manifest",
                    ["vnd.docker.reference.digest"] = subject.Digest,
                };
            }

            manifests.Add(descriptor);
        }

        return await PutManifestAsync(registry, repository, tag, mediaType, new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = manifests });
    }

    /// <summary>Points <paramref name="tag"/> at an already pushed manifest or index.</summary>
    public static async Task TagAsync(RegistryServer registry, string repository, string tag, Pushed manifest)
    {
        using var content = new ByteArrayContent(manifest.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
        using var response = await Http.PutAsync(new Uri($"http://{registry.Host}/v2/{repository}/manifests/{tag}"), content);
        await EnsureAsync(response, $"tagging {repository}:{tag}");
    }

    private static async Task<Pushed> PutManifestAsync(RegistryServer registry, string repository, string? tag, string mediaType, JsonObject manifest)
    {
        var body = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var digest = DigestOf(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await Http.PutAsync(new Uri($"http://{registry.Host}/v2/{repository}/manifests/{tag ?? digest}"), content);
        await EnsureAsync(response, $"pushing the manifest {repository}:{tag ?? digest}");
        return new Pushed(digest, body.Length, mediaType, body);
    }

    private static async Task<(string Digest, long Size)> PushBlobAsync(RegistryServer registry, string repository, byte[] bytes)
    {
        var digest = DigestOf(bytes);
        using var start = await Http.PostAsync(new Uri($"http://{registry.Host}/v2/{repository}/blobs/uploads/"), null);
        await EnsureAsync(start, $"starting a blob upload to {repository}");
        var location = new Uri(new Uri($"http://{registry.Host}/"), start.Headers.Location!);
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await Http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}"), content);
        await EnsureAsync(put, $"uploading a blob to {repository}");
        return (digest, bytes.Length);
    }

    private static JsonObject Descriptor(string mediaType, (string Digest, long Size) blob) =>
        new() { ["mediaType"] = mediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };

    private static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent))
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A pushed manifest or index: its digest, size, media type and exact bytes.</summary>
    public sealed record Pushed(string Digest, long Size, string MediaType, byte[] Body);

    /// <summary>An index entry: a pushed manifest and the platform the index lists it under; <see cref="AttestationFor"/> marks an attestation.</summary>
    public sealed record Entry(Pushed Manifest, string Platform, Pushed? AttestationFor = null);
}
