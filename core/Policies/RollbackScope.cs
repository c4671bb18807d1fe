using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>What a failed member of a rolling update takes back with it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RollbackScope>))]
internal enum RollbackScope
{
    /// <summary>Only the container that failed is rolled back (by its own update); those before it keep their update.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Every container the rollout already updated is put back on the image it ran before.</summary>
    [JsonStringEnumMemberName("group")] Group,
}
