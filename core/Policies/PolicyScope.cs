using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>What a stored policy applies to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PolicyScope>))]
internal enum PolicyScope
{
    /// <summary>Every container (key <c>""</c>).</summary>
    [JsonStringEnumMemberName("global")] Global,

    /// <summary>The containers of one group (key: the group name).</summary>
    [JsonStringEnumMemberName("group")] Group,

    /// <summary>One container (key: <c>agentId/name</c>).</summary>
    [JsonStringEnumMemberName("container")] Container,
}
