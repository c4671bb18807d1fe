using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>How an update ended. Rolled back and failed are normal outcomes, not exceptions.</summary>
internal sealed record UpdateOutcome(JobOutcome Outcome, string? FailedStep, string? Reason, string? RunningDigest)
{
    public static UpdateOutcome Succeeded(string digest, string? note = null) => new(JobOutcome.Succeeded, null, note, digest);

    public static UpdateOutcome RolledBack(string step, string reason, string? digest) => new(JobOutcome.RolledBack, step, reason, digest);

    public static UpdateOutcome Failed(string step, string reason) => new(JobOutcome.Failed, step, reason, null);
}
