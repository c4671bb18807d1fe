using System.Text.Json.Serialization;

namespace Dockward.Core.Updates;

/// <summary>Where an update job stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
internal enum JobState
{
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
}
