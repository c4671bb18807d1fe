using System.Text.Json.Serialization;
using Dockward.Core.Policies;

namespace Dockward.Core.Rollouts;

/// <summary>
/// The durable record of one group rollout. Its members are the update jobs whose <c>RolloutId</c> is <see cref="Id"/>
/// (no second list to keep in step); everything the conductor decided is in <see cref="Events"/>.
/// </summary>
/// <param name="Id">Sorts by creation time, like job ids.</param>
/// <param name="Trigger"><c>timer</c>, <c>webhook</c> or <c>manual</c>.</param>
/// <param name="RequestedBy">Who or what asked for it: <c>timer</c>, <c>webhook</c> or a user's actor (<c>user:alice</c>).</param>
/// <param name="Phase">Canary rollouts only; null until the conductor has chosen the canaries, and for rolling ones.</param>
/// <param name="CanaryJobIds">The canaries' job ids, once chosen.</param>
/// <param name="Sealed">Members may join until it is sealed; the conductor leaves an unsealed rollout alone.</param>
/// <param name="Reason">Why it halted or was cancelled.</param>
/// <param name="Version">The store's version (ETag); null before it is stored.</param>
internal sealed record RolloutRecord(
    string Id,
    string Group,
    RolloutKind Kind,
    RolloutSettings Settings,
    string Trigger,
    string RequestedBy,
    RolloutState State,
    RolloutPhase? Phase,
    IReadOnlyList<string> CanaryJobIds,
    bool Sealed,
    string? Reason,
    IReadOnlyList<RolloutEvent> Events,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Version = null)
{
    /// <summary>Canary, while verifying: when the canaries have been watched long enough.</summary>
    public DateTimeOffset? VerifyUntil { get; init; }

    /// <summary>The actor recorded as <c>DecidedBy</c> on the jobs this rollout cancels.</summary>
    [JsonIgnore]
    public string Actor => $"rollout:{Id}";

    /// <summary>This record with <paramref name="message"/> appended to its events.</summary>
    public RolloutRecord With(DateTimeOffset at, string message) =>
        this with { Events = [.. Events, new RolloutEvent(at, message)], UpdatedAt = at };
}
