namespace Dockward.Agent.Updates;

/// <summary>
/// Which <see cref="UpdateStrategy"/> an update follows: the one the job names (the control plane's policy), else
/// the container's label <c>dockward.update.order</c>: <c>stop-first</c> (the default), <c>start-first</c> or
/// <c>blue-green</c>.
/// </summary>
internal static class UpdateOrder
{
    public const string Label = "dockward.update.order";
    public const string StopFirst = "stop-first";
    public const string StartFirst = "start-first";
    public const string BlueGreen = "blue-green";

    /// <summary>
    /// The strategy to follow and what asked for it (named in the reason of a refusal), or why it cannot be
    /// followed: a job naming no known strategy, or a label that says none.
    /// </summary>
    /// <param name="jobStrategy">The job's <c>Strategy</c>; null leaves the choice to the label.</param>
    public static (UpdateStrategy Strategy, string AskedBy, string? Error) Choose(string? jobStrategy, IDictionary<string, string>? labels)
    {
        if (jobStrategy is not null)
        {
            return Parse(jobStrategy) is { } fromJob
                ? (fromJob, $"the job's strategy {Name(fromJob)}", null)
                : (UpdateStrategy.StopFirst, "", $"the job's strategy '{jobStrategy}' is none of {StopFirst}, {StartFirst}, {BlueGreen}");
        }

        if (labels is null || !labels.TryGetValue(Label, out var text))
        {
            return (UpdateStrategy.StopFirst, StopFirst, null);
        }

        return Parse(text) is { } fromLabel
            ? (fromLabel, $"{Label}={Name(fromLabel)}", null)
            : (UpdateStrategy.StopFirst, "", $"{Label}='{text}' is neither {StopFirst} nor {StartFirst} nor {BlueGreen}");
    }

    public static string Name(UpdateStrategy strategy) => strategy switch
    {
        UpdateStrategy.StartFirst => StartFirst,
        UpdateStrategy.BlueGreen => BlueGreen,
        _ => StopFirst,
    };

    private static UpdateStrategy? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        StopFirst => UpdateStrategy.StopFirst,
        StartFirst => UpdateStrategy.StartFirst,
        BlueGreen => UpdateStrategy.BlueGreen,
        _ => null,
    };
}
