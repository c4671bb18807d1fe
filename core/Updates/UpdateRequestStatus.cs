using System.Text.Json.Serialization;

namespace Dockward.Core.Updates;

/// <summary>Whether an update request became a job.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateRequestStatus>))]
internal enum UpdateRequestStatus
{
    /// <summary>A new job was queued for the container's agent.</summary>
    [JsonStringEnumMemberName("created")] Created,

    /// <summary>The container already has a pending or running job; that one stands.</summary>
    [JsonStringEnumMemberName("already_active")] AlreadyActive,

    /// <summary>This digest was rolled back on this container before; it is not tried again without a user asking.</summary>
    [JsonStringEnumMemberName("quarantined")] Quarantined,
}
