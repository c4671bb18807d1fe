using System.Text.Json.Serialization;

namespace Dockward.Core.Updates;

/// <summary>Where an update job stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
internal enum JobState
{
    /// <summary>Waiting for a maintenance window, or for its image to be old enough (<see cref="UpdateJob.NotBefore"/>).</summary>
    [JsonStringEnumMemberName("scheduled")] Scheduled,

    /// <summary>Waiting for an operator to approve or reject it (until <see cref="UpdateJob.ExpiresAt"/>).</summary>
    [JsonStringEnumMemberName("awaiting_approval")] AwaitingApproval,

    /// <summary>Ready, waiting for its turn in a rollout (<see cref="UpdateJob.RolloutId"/>).</summary>
    [JsonStringEnumMemberName("held")] Held,

    /// <summary>Waiting for its agent to take it.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>Taken by the agent, in progress.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>The container runs the target digest and passed its gate.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>The update failed and the old container was restored.</summary>
    [JsonStringEnumMemberName("rolled_back")] RolledBack,

    /// <summary>Nothing could be done, or the rollback itself failed.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>The agent stopped mid-update and restored the old container (or had changed nothing); the digest is not quarantined.</summary>
    [JsonStringEnumMemberName("interrupted")] Interrupted,

    /// <summary>An operator rejected it; the digest is not proposed again without a user asking.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,

    /// <summary>Nobody approved or rejected it in time; the next check proposes it again.</summary>
    [JsonStringEnumMemberName("expired")] Expired,

    /// <summary>Cancelled before it started (by a user, or a rollout that halted).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
