using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>What Dockward does when it finds an update for a container.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateMode>))]
internal enum UpdateMode
{
    /// <summary>Update at once.</summary>
    [JsonStringEnumMemberName("auto")] Auto,

    /// <summary>Record and report the update, never touch the container.</summary>
    [JsonStringEnumMemberName("monitor")] Monitor,

    /// <summary>Update only inside a maintenance window; an update found outside one waits for the next.</summary>
    [JsonStringEnumMemberName("scheduled")] Scheduled,

    /// <summary>An operator approves or rejects each update; one nobody decides on expires.</summary>
    [JsonStringEnumMemberName("manual")] Manual,
}
