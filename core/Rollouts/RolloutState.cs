using System.Text.Json.Serialization;

namespace Dockward.Core.Rollouts;

/// <summary>Where a rollout stands as a whole.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutState>))]
internal enum RolloutState
{
    /// <summary>Taking members (until sealed), or releasing them; the conductor advances it.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Every member ended and none failed.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>A member failed: the rest were cancelled, and what the rollback scope asks was rolled back.</summary>
    [JsonStringEnumMemberName("halted")] Halted,

    /// <summary>A user cancelled it: members not started were cancelled, running ones finished.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
