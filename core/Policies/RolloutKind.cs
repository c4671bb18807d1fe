using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>How the containers of one group are updated together.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutKind>))]
internal enum RolloutKind
{
    /// <summary>Each container on its own, as soon as its own policy lets it.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>One at a time, each waiting for the one before to pass its gate; a failure halts the rest.</summary>
    [JsonStringEnumMemberName("rolling")] Rolling,

    /// <summary>A share or count first, then a verification window, then the rest; a failure rolls back the canaries.</summary>
    [JsonStringEnumMemberName("canary")] Canary,
}
