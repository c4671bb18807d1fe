namespace Dockward.Core.Updates;

/// <summary>Which jobs to list; every part is optional and they all must hold.</summary>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created before.</param>
internal sealed record JobFilter(
    string? AgentId = null,
    string? ContainerName = null,
    IReadOnlyCollection<JobState>? States = null,
    string? Trigger = null,
    string? RolloutId = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null)
{
    public static JobFilter InStates(params JobState[] states) => new(States: states);

    /// <summary>Whether <paramref name="job"/> passes the filter (stores that cannot query a part check it here).</summary>
    public bool Matches(UpdateJob job) =>
        (AgentId is null || job.AgentId == AgentId)
        && (ContainerName is null || job.ContainerName == ContainerName)
        && (States is null || States.Contains(job.State))
        && (Trigger is null || job.Trigger == Trigger)
        && (RolloutId is null || job.RolloutId == RolloutId)
        && (CreatedFrom is null || job.CreatedAt >= CreatedFrom)
        && (CreatedTo is null || job.CreatedAt < CreatedTo);
}
