namespace Dockward.Core.Detection.Registry;

/// <summary>Whether a container runs what its tag points at.</summary>
internal enum TagComparisonStatus
{
    UpToDate,
    UpdateAvailable,
    Unknown,

    /// <summary>The registry could not be asked what the container needs to be compared (the index read failed).</summary>
    Failed,
}
