using System.Globalization;

namespace Dockward.Agent.Updates;

/// <summary>
/// The commands a container's labels ask to run around its update, inside the container, with <c>sh -c</c>:
/// <c>dockward.hook.pre-update</c> in the old container before it is stopped (a failure aborts the update
/// with nothing changed), <c>dockward.hook.post-update</c> in the new one once it passed its gate.
/// </summary>
internal sealed record UpdateHooks(string? PreUpdate, string? PostUpdate, TimeSpan Timeout)
{
    public const string PreUpdateLabel = "dockward.hook.pre-update";
    public const string PostUpdateLabel = "dockward.hook.post-update";
    public const string TimeoutLabel = "dockward.hook.timeout";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private const int MaxTimeoutSeconds = 3600;
    private const int MaxCommandLength = 4096;

    /// <summary>The hooks the labels ask for, or why the labels cannot be followed (then the update does not start).</summary>
    public static (UpdateHooks? Hooks, string? Error) Read(IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        var pre = Command(labels, PreUpdateLabel);
        var post = Command(labels, PostUpdateLabel);
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

        return (new UpdateHooks(pre, post, timeout), null);
    }

    private static string? Command(IDictionary<string, string> labels, string label) =>
        labels.TryGetValue(label, out var command) && !string.IsNullOrWhiteSpace(command) ? command.Trim() : null;
}
