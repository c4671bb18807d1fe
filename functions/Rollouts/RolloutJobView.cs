using Dockward.Core.Updates;

namespace Dockward.Functions.Rollouts;

/// <summary>One job of a rollout with how long it took.</summary>
/// <param name="Role"><c>member</c>, or <c>rollback</c> for a job the rollout added to put a member back.</param>
/// <param name="DurationSeconds">From its start to its end, or from its first step to its last; null before it started.</param>
internal sealed record RolloutJobView(UpdateJob Job, string Role, double? DurationSeconds)
{
    public static RolloutJobView Of(UpdateJob job, string role)
    {
        TimeSpan? duration = job switch
        {
            { StartedAt: { } started, EndedAt: { } ended } => ended - started,
            { Steps.Count: > 0 } => job.Steps.Max(s => s.At) - job.Steps.Min(s => s.At),
            _ => null,
        };
        return new RolloutJobView(job, role, duration?.TotalSeconds);
    }
}
