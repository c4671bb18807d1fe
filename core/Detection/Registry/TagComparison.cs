namespace Dockward.Core.Detection.Registry;

/// <summary>One container compared with its tag: up to date, an update available, or unknown and why.</summary>
internal sealed record TagComparison(TagComparisonStatus Status, string? Reason)
{
    public static TagComparison UpToDate { get; } = new(TagComparisonStatus.UpToDate, null);

    public static TagComparison UpdateAvailable { get; } = new(TagComparisonStatus.UpdateAvailable, null);

    public static TagComparison Unknown(string reason) => new(TagComparisonStatus.Unknown, reason);

    public static TagComparison Failed(string reason) => new(TagComparisonStatus.Failed, reason);
}
