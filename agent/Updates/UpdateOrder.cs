namespace Dockward.Agent.Updates;

/// <summary>
/// Label <c>dockward.update.order</c>: <c>stop-first</c> (the default: the old container stops, then the new one
/// starts under its name) or <c>start-first</c> (the new one starts beside the old one and must pass its gate
/// before the old one stops: no downtime, for containers that can run twice at once).
/// </summary>
internal static class UpdateOrder
{
    public const string Label = "dockward.update.order";
    public const string StopFirst = "stop-first";
    public const string StartFirst = "start-first";

    /// <summary>Whether the labels ask for start-first, or why the label cannot be followed.</summary>
    public static (bool StartFirst, string? Error) Read(IDictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue(Label, out var text))
        {
            return (false, null);
        }

        return text.Trim().ToLowerInvariant() switch
        {
            StopFirst => (false, null),
            StartFirst => (true, null),
            _ => (false, $"{Label}='{text}' is neither {StopFirst} nor {StartFirst}"),
        };
    }
}
