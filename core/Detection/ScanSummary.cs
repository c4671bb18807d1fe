namespace Dockward.Core.Detection;

/// <summary>What one scan did: images checked, updates found, jobs queued.</summary>
internal sealed record ScanSummary(int Images, int UpdatesAvailable, int JobsCreated, int Errors, IReadOnlyList<ImageCheckRecord> Checks);
