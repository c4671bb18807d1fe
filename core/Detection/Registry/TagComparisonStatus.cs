namespace Dockward.Core.Detection.Registry;

/// <summary>Whether a container runs what its tag points at.</summary>
internal enum TagComparisonStatus
{
    UpToDate,
    UpdateAvailable,
    Unknown,
}
