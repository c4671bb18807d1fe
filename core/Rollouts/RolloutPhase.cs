using System.Text.Json.Serialization;

namespace Dockward.Core.Rollouts;

/// <summary>Where a canary rollout stands: canaries updating, canaries under watch, then the rest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutPhase>))]
internal enum RolloutPhase
{
    /// <summary>The canaries are released and updating.</summary>
    [JsonStringEnumMemberName("canary")] Canary,

    /// <summary>The canaries succeeded and must stay running and healthy until <see cref="RolloutRecord.VerifyUntil"/>.</summary>
    [JsonStringEnumMemberName("verifying")] Verifying,

    /// <summary>The canaries are verified; the other members are released.</summary>
    [JsonStringEnumMemberName("rest")] Rest,
}
