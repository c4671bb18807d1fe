namespace Dockward.Core.Updates;

/// <summary>One container update, from its creation to its outcome, with every step the agent reported.</summary>
/// <param name="Trigger">What started it: <c>timer</c>, <c>check</c> (a user-run check) or <c>manual</c> (see <see cref="Triggers"/>).</param>
/// <param name="FromDigest">The digest the container ran when the job was created, when known.</param>
internal sealed record UpdateJob(
    string Id,
    string AgentId,
    string ContainerName,
    string Image,
    string TargetDigest,
    string? FromDigest,
    JobState State,
    string Trigger,
    string? FailedStep,
    string? Reason,
    IReadOnlyList<JobStep> Steps,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Version = null)
{
    /// <summary>True while the job is pending or running: a container has at most one such job.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsActive => State is JobState.Pending or JobState.Running;

    /// <summary>A new job id that sorts by creation time.</summary>
    public static string NewId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}";
}
