using System.Text.Json;

namespace Dockward.Core.Detection.Registry;

/// <summary>
/// An OCI image index or Docker manifest list: the manifests of one tag, one per platform, plus (from BuildKit)
/// attestation manifests that describe an image rather than run anywhere.
/// </summary>
internal sealed class ManifestIndex
{
    /// <summary>More entries than any real index has (Docker Hub's largest list a few dozen); past this the body is refused.</summary>
    public const int MaxEntries = 1000;

    private ManifestIndex(IReadOnlyList<ManifestIndexEntry> entries) => Entries = entries;

    /// <summary>Every entry, attestations included, in the index's order.</summary>
    public IReadOnlyList<ManifestIndexEntry> Entries { get; }

    /// <summary>The entries a container can run: attestations left out.</summary>
    public IEnumerable<ManifestIndexEntry> Runnable => Entries.Where(e => !e.IsAttestation);

    /// <summary>
    /// The runnable entry for <paramref name="platform"/> (normalised comparison), or null. When several match
    /// (an index may list one platform twice), the first wins, as the engine's pull picks it.
    /// </summary>
    public ManifestIndexEntry? Find(Platform platform) => Runnable.FirstOrDefault(e => e.Platform == platform);

    /// <summary>True when <paramref name="digest"/> is one of the runnable entries (never an attestation).</summary>
    public bool ContainsRunnable(string digest) => Runnable.Any(e => e.Digest == digest);

    /// <summary>
    /// Reads a manifest body fetched by digest. <paramref name="contentType"/> is the registry's Content-Type; when it is
    /// missing the body's own <c>mediaType</c> decides, and a body with neither but a <c>manifests</c> array is an index.
    /// </summary>
    public static IndexLookup Read(ReadOnlySpan<byte> body, string? contentType)
    {
        if (ManifestMediaTypes.IsManifest(contentType))
        {
            return IndexLookup.SingleManifest();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return IndexLookup.Failed($"the manifest is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return IndexLookup.Failed("the manifest is not a JSON object");
            }

            var declared = root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String ? mediaType.GetString() : null;
            var type = ManifestMediaTypes.IsIndex(contentType) ? contentType : declared;
            if (ManifestMediaTypes.IsManifest(type) || (type is null && !root.TryGetProperty("manifests", out _)))
            {
                return IndexLookup.SingleManifest();
            }

            if (!ManifestMediaTypes.IsIndex(type) && type is not null)
            {
                return IndexLookup.Failed($"the manifest has an unsupported media type '{Truncate(type)}'");
            }

            return ReadEntries(root);
        }
    }

    private static IndexLookup ReadEntries(JsonElement root)
    {
        if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            return IndexLookup.Failed("the index has no 'manifests' array");
        }

        if (manifests.GetArrayLength() > MaxEntries)
        {
            return IndexLookup.Failed($"the index lists more than {MaxEntries} manifests");
        }

        var entries = new List<ManifestIndexEntry>();
        foreach (var item in manifests.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return IndexLookup.Failed("an index entry is not a JSON object");
            }

            var digest = String(item, "digest");
            if (!Digests.IsValid(digest))
            {
                return IndexLookup.Failed($"an index entry has a malformed digest '{Truncate(digest ?? "")}'");
            }

            Platform? platform = null;
            if (item.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                platform = Platform.Of(String(p, "os"), String(p, "architecture"), String(p, "variant"));
            }

            // BuildKit marks its provenance/SBOM manifests both ways: the annotation and platform unknown/unknown
            // (docs.docker.com/build/metadata/attestations/attestation-storage/).
            var attestation = platform?.IsUnknown == true
                || (item.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
                    && String(annotations, "vnd.docker.reference.type") == "attestation-manifest");
            entries.Add(new ManifestIndexEntry(digest!, String(item, "mediaType"), platform, attestation));
        }

        return IndexLookup.Found(new ManifestIndex(entries));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
