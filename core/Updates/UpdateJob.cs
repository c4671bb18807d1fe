using System.Text.Json.Serialization;
using Dockward.Contracts;
using Dockward.Core.Policies;

namespace Dockward.Core.Updates;

/// <summary>One container update, from its creation to its outcome, with every step the agent reported.</summary>
/// <param name="Trigger">What started it: <c>timer</c>, <c>check</c> (a user-run check), <c>manual</c> (see <see cref="Triggers"/>) or <c>config</c> (a configuration edit).</param>
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
    /// <summary>True until the job has ended (waiting, pending or running): a container has at most one such job.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsActive => IsActiveState(State);

    /// <summary>The image reference the container moves to when it is a newer tag; null for a new digest of its own tag.</summary>
    public string? TargetImage { get; init; }

    /// <summary>How the agent replaces the container; null leaves it to the container's labels.</summary>
    public UpdateStrategy? Strategy { get; init; }

    /// <summary>Scheduled: the earliest time it may be released (a window's opening, or the image old enough).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>When its image is old enough for the policy's minimum age, if it was not yet when the job was created.</summary>
    public DateTimeOffset? OldEnoughAt { get; init; }

    /// <summary>Awaiting approval: when it expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The rollout it is a member of, if any.</summary>
    public string? RolloutId { get; init; }

    /// <summary>The user who asked for it (<c>user:alice</c>, <c>token:…</c>); null when a timer, check or webhook found it (see <see cref="Trigger"/>).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Who approved, rejected or cancelled it, when someone did.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>
    /// A configuration edit the new container gets (trigger <c>config</c>): the container is recreated on the image it
    /// runs (<see cref="TargetDigest"/>) with this change. Null for an image update. Never in the job's JSON: env
    /// values may be secrets and every viewer reads jobs; <see cref="ConfigSummary"/> says what the edit touches.
    /// </summary>
    [JsonIgnore]
    public ConfigChange? Config { get; init; }

    /// <summary>What a configuration edit touches, by name, without env values (<c>env LOG_LEVEL, -OLD; restartPolicy always</c>).</summary>
    [JsonPropertyName("config")]
    public string? ConfigSummary => Config is null ? null : Containers.Config.ConfigPreviewer.Summary(Config);

    /// <summary>When its agent took it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Whether a job in <paramref name="state"/> has not ended yet.</summary>
    public static bool IsActiveState(JobState state) =>
        state is JobState.Pending or JobState.Running or JobState.Scheduled or JobState.AwaitingApproval or JobState.Held;

    /// <summary>A new job id that sorts by creation time.</summary>
    public static string NewId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}";
}
