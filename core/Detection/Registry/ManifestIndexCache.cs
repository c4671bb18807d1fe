using System.Collections.Concurrent;

namespace Dockward.Core.Detection.Registry;

/// <summary>
/// Indexes read by digest, kept in memory: content addressed, so an entry never goes stale, and a container still
/// on an index its tag has left costs its registry one HEAD per check, not the same GET every time.
/// </summary>
internal sealed class ManifestIndexCache
{
    private const int MaxEntries = 1024;
    private readonly ConcurrentDictionary<string, IndexLookup> entries = new(StringComparer.Ordinal);

    public IndexLookup? Find(ImageReference image, string digest) => entries.GetValueOrDefault(Key(image, digest));

    /// <summary>Keeps a successful read; failures are asked again next time.</summary>
    public void Keep(ImageReference image, string digest, IndexLookup lookup)
    {
        if (lookup.Error is not null)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            // Crude but bounded: the working set is the indexes running containers were pulled by, far below the cap.
            entries.Clear();
        }

        entries[Key(image, digest)] = lookup;
    }

    private static string Key(ImageReference image, string digest) => $"{image.Name}@{digest}";
}
