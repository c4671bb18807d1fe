using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// Pushes N unique images over the Registry HTTP API, fast: one tiny config and one tiny layer uploaded once,
/// mounted into every other repository (<c>POST /v2/&lt;repo&gt;/blobs/uploads/?mount=&amp;from=</c>), and a manifest per
/// repository that differs by an annotation, so each repository's tag has its own digest. No Docker engine involved.
/// See https://distribution.github.io/distribution/spec/api/ (cross-repository blob mount, pushing a manifest).
/// </summary>
internal sealed class ImagePusher(HttpClient http, string registryHost)
{
    public const string Tag = "latest";

    /// <summary>OCI manifests carry annotations; the check asks for this type among others (RegistryClient.ManifestMediaTypes).</summary>
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    private const int Parallelism = 8;

    /// <summary>Pushes <c>&lt;prefix&gt;0000</c>… and returns them in order with their digests; throws when the registry refuses.</summary>
    public async Task<IReadOnlyList<PushedImage>> PushAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        // An empty tar is two 512-byte zero blocks; gzipped, a few dozen bytes.
        var tar = new byte[1024];
        var layer = Gzip(tar);
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            rootfs = new { type = "layers", diff_ids = new[] { Sha256(tar) } },
        });
        var first = Repository(prefix, 0);
        await UploadAsync(first, config, cancellationToken);
        await UploadAsync(first, layer, cancellationToken);

        var images = new PushedImage[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var repository = Repository(prefix, i);
                if (i > 0)
                {
                    await MountAsync(repository, first, Sha256(config), ct);
                    await MountAsync(repository, first, Sha256(layer), ct);
                }

                var digest = await PutManifestAsync(repository, config, layer, ct);
                images[i] = new PushedImage(repository, Tag, digest);
            });
        return images;
    }

    private static string Repository(string prefix, int index) => $"{prefix}{index:D4}";

    private async Task UploadAsync(string repository, byte[] blob, CancellationToken cancellationToken)
    {
        using var start = await http.PostAsync(Address($"/v2/{repository}/blobs/uploads/"), null, cancellationToken);
        Expect(start, HttpStatusCode.Accepted, $"starting an upload to {repository}");
        var location = start.Headers.Location ?? throw new InvalidOperationException($"{registryHost} started an upload without a Location");
        var upload = location.IsAbsoluteUri ? location : new Uri(Address("/"), location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await http.PutAsync(new Uri($"{upload}{separator}digest={Uri.EscapeDataString(Sha256(blob))}"), content, cancellationToken);
        Expect(done, HttpStatusCode.Created, $"uploading a blob to {repository}");
    }

    private async Task MountAsync(string repository, string from, string digest, CancellationToken cancellationToken)
    {
        var address = Address($"/v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(from)}");
        using var response = await http.PostAsync(address, null, cancellationToken);
        // A registry that cannot mount answers 202 and opens an upload instead: that is not what is being set up.
        Expect(response, HttpStatusCode.Created, $"mounting {digest} from {from} into {repository}");
    }

    private async Task<string> PutManifestAsync(string repository, byte[] config, byte[] layer, CancellationToken cancellationToken)
    {
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestType,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config),
            ["layers"] = new[] { Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer) },
            ["annotations"] = new Dictionary<string, string> { ["org.dockward.benchmark.repository"] = repository },
        });
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(ManifestType);
        using var response = await http.PutAsync(Address($"/v2/{repository}/manifests/{Tag}"), content, cancellationToken);
        Expect(response, HttpStatusCode.Created, $"pushing the manifest of {repository}");
        var digest = Sha256(manifest);
        var stored = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        return stored == digest
            ? digest
            : throw new InvalidOperationException($"{registryHost} stored {repository}:{Tag} as {stored}, not as the pushed {digest}");
    }

    private static Dictionary<string, object> Descriptor(string mediaType, byte[] blob) =>
        new() { ["mediaType"] = mediaType, ["size"] = blob.Length, ["digest"] = Sha256(blob) };

    private Uri Address(string pathAndQuery) => new($"http://{registryHost}{pathAndQuery}");

    private void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{registryHost} answered {(int)response.StatusCode} {response.StatusCode} {what} (expected {(int)expected})");
        }
    }

    private static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }
}
