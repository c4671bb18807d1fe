using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>How one container is replaced (the agent's update engine carries it out).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateStrategy>))]
internal enum UpdateStrategy
{
    /// <summary>The old container stops, then the new one starts under its name.</summary>
    [JsonStringEnumMemberName("stop-first")] StopFirst,

    /// <summary>The new one starts beside the old one and must pass its gate before the old one stops.</summary>
    [JsonStringEnumMemberName("start-first")] StartFirst,

    /// <summary>Start-first with the network aliases withheld from the new one until it is verified, then moved over.</summary>
    [JsonStringEnumMemberName("blue-green")] BlueGreen,
}
