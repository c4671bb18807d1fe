using System.Globalization;

namespace Dockward.Agent.Updates;

/// <summary>
/// The commands a container's labels ask to run around its update, inside the container, with <c>sh -c</c>:
/// <c>dockward.hook.pre-update</c> in the old container before it is stopped (a failure aborts the update
/// with nothing changed), <c>dockward.hook.post-update</c> in the new one once it passed its gate. Watchtower's
/// lifecycle labels are read where Dockward's are absent, so containers move over without relabelling.
/// </summary>
internal sealed record UpdateHooks(string? PreUpdate, string? PostUpdate, TimeSpan Timeout)
{
    public const string PreUpdateLabel = "dockward.hook.pre-update";
    public const string PostUpdateLabel = "dockward.hook.post-update";
    public const string TimeoutLabel = "dockward.hook.timeout";

    public const string WatchtowerPreUpdateLabel = "com.centurylinklabs.watchtower.lifecycle.pre-update";
    public const string WatchtowerPostUpdateLabel = "com.centurylinklabs.watchtower.lifecycle.post-update";

    /// <summary>Watchtower's hook timeouts, in minutes (0: no limit in Watchtower).</summary>
    public const string WatchtowerPreUpdateTimeoutLabel = "com.centurylinklabs.watchtower.lifecycle.pre-update-timeout";

    public const string WatchtowerPostUpdateTimeoutLabel = "com.centurylinklabs.watchtower.lifecycle.post-update-timeout";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private const int MaxTimeoutSeconds = 3600;
    private const int MaxCommandLength = 4096;

    /// <summary>The hooks the labels ask for, or why the labels cannot be followed (then the update does not start).</summary>
    public static (UpdateHooks? Hooks, string? Error) Read(IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var pre = Command(labels, PreUpdateLabel) ?? Command(labels, WatchtowerPreUpdateLabel);
        var post = Command(labels, PostUpdateLabel) ?? Command(labels, WatchtowerPostUpdateLabel);
        if (pre?.Length > MaxCommandLength || post?.Length > MaxCommandLength)
        {
            return (null, $"a hook command is longer than {MaxCommandLength} characters");
        }

        var timeout = DefaultTimeout;
        if (labels.TryGetValue(TimeoutLabel, out var text))
        {
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxTimeoutSeconds)
            {
                return (null, $"{TimeoutLabel}='{text}' is not a whole number of seconds from 1 to {MaxTimeoutSeconds}");
            }

            timeout = TimeSpan.FromSeconds(seconds);
        }
        else
        {
            var (watchtower, error) = WatchtowerTimeout(labels);
            if (error is not null)
            {
                return (null, error);
            }

            timeout = watchtower ?? timeout;
        }

        return (new UpdateHooks(pre, post, timeout), null);
    }

    /// <summary>
    /// The larger of Watchtower's two hook timeouts (Dockward has one for both), or null when neither is set.
    /// Watchtower counts minutes and takes 0 for no limit; here every hook has a limit, so 0 and anything above
    /// the most Dockward waits become that most.
    /// </summary>
    private static (TimeSpan? Timeout, string? Error) WatchtowerTimeout(IDictionary<string, string> labels)
    {
        TimeSpan? longest = null;
        foreach (var label in new[] { WatchtowerPreUpdateTimeoutLabel, WatchtowerPostUpdateTimeoutLabel })
        {
            if (!labels.TryGetValue(label, out var text))
            {
                continue;
            }

            if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return (null, $"{label}='{text}' is not a whole number of minutes");
            }

            var seconds = minutes == 0 || minutes > MaxTimeoutSeconds / 60 ? MaxTimeoutSeconds : minutes * 60;
            var timeout = TimeSpan.FromSeconds(seconds);
            longest = longest is { } other && other > timeout ? other : timeout;
        }

        return (longest, null);
    }

    private static string? Command(IDictionary<string, string> labels, string label) =>
        labels.TryGetValue(label, out var command) && !string.IsNullOrWhiteSpace(command) ? command.Trim() : null;
}
