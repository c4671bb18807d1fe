namespace Dockward.Contracts;

/// <summary>The end of a job.</summary>
/// <param name="Outcome">Succeeded, rolled back or failed.</param>
/// <param name="FailedStep">The step that failed, when one did.</param>
/// <param name="Reason">Why it failed, for people.</param>
/// <param name="RunningDigest">The digest the container runs afterwards, when known.</param>
public sealed record JobResultReport(JobOutcome Outcome, string? FailedStep, string? Reason, string? RunningDigest);
