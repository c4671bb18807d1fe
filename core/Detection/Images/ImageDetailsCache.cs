using System.Collections.Concurrent;
using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Detection.Images;

/// <summary>
/// Image details read by digest, kept in memory: content addressed, so an entry never goes stale, and the plan of an
/// update and the age rule of its policy cost the registry nothing after the first read. Bounded in entries and in
/// the text they hold (a config's labels and env can be large).
/// </summary>
internal sealed class ImageDetailsCache
{
    private const int MaxEntries = 512;
    private const long MaxCharacters = 8 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, (ImageDetailsLookup Lookup, long Characters)> entries = new(StringComparer.Ordinal);
    private long characters;

    public ImageDetailsLookup? Find(ImageReference image, string digest, Platform? platform) =>
        entries.TryGetValue(Key(image, digest, platform), out var entry) ? entry.Lookup : null;

    /// <summary>Keeps a successful read; failures are asked again next time.</summary>
    public void Keep(ImageReference image, string digest, Platform? platform, ImageDetailsLookup lookup)
    {
        if (lookup.Details is not { } details)
        {
            return;
        }

        var size = Characters(details);
        if (entries.Count >= MaxEntries || Interlocked.Read(ref characters) + size > MaxCharacters)
        {
            // Crude but bounded: the working set is the images of pending updates, far below the caps.
            entries.Clear();
            Interlocked.Exchange(ref characters, 0);
        }

        if (entries.TryAdd(Key(image, digest, platform), (lookup, size)))
        {
            Interlocked.Add(ref characters, size);
        }
    }

    private static long Characters(ImageDetails details)
    {
        var config = details.Config;
        IEnumerable<string?> texts =
        [
            .. details.Labels.Keys, .. details.Labels.Values, .. config.Env, .. config.Cmd ?? [], .. config.Entrypoint ?? [],
            .. config.ExposedPorts, .. config.Volumes, .. config.Healthcheck?.Test ?? [], .. config.Shell ?? [],
            config.WorkingDir, config.User, config.StopSignal,
        ];
        return texts.Sum(text => (long)(text?.Length ?? 0));
    }

    // The platform matters only for an index (no platform asked means the reader's default); a single manifest asked
    // for under several platforms is kept once per platform, which is rare.
    private static string Key(ImageReference image, string digest, Platform? platform) =>
        $"{image.Name}@{digest}#{platform ?? ImageDetailsReader.DefaultPlatform}";
}
