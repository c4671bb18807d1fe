using System.Text.Json.Serialization;

namespace Dockward.Core.Updates;

/// <summary>Whether an update request became a job.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateRequestStatus>))]
internal enum UpdateRequestStatus
{
    /// <summary>A new job was created: pending for the agent, or waiting for a window, an approval or its turn in a rollout (see its state).</summary>
    [JsonStringEnumMemberName("created")] Created,

    /// <summary>The container already has a job that has not ended; that one stands.</summary>
    [JsonStringEnumMemberName("already_active")] AlreadyActive,

    /// <summary>This digest was rolled back, rejected or cancelled on this container before; it is not proposed again without a user asking.</summary>
    [JsonStringEnumMemberName("quarantined")] Quarantined,

    /// <summary>The policy says not to: monitor only, or the target is on the skip list.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
}
