using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Policies;

/// <summary>
/// The policy one container is updated by, every setting decided, with where each came from
/// (<see cref="Sources"/>: setting name → <c>default</c>, <c>global</c>, <c>group web</c>, <c>container</c> or
/// <c>label dockward.update</c>).
/// </summary>
/// <param name="Group">The group the container belongs to (<c>dockward.group</c>, else its compose project); null when none.</param>
/// <param name="Tags">Which newer tags to look for; null when only the digest of the own tag is watched.</param>
/// <param name="Problems">Settings that could not be followed and what was done instead.</param>
internal sealed record EffectivePolicy(
    bool Managed,
    UpdateMode Mode,
    IReadOnlyList<MaintenanceWindow> Windows,
    TimeSpan ApprovalExpiry,
    TagTrack Track,
    TagPolicy? Tags,
    IReadOnlyList<string> Skip,
    string? Pin,
    TimeSpan MinimumAge,
    TimeSpan? CheckInterval,
    UpdateStrategy Strategy,
    RolloutKind Rollout,
    int CanaryCount,
    int CanaryPercent,
    TimeSpan CanaryWindow,
    RollbackScope RollbackScope,
    TimeSpan MonitorWindow,
    TimeSpan HealthTimeout,
    string? Group,
    IReadOnlyDictionary<string, string> Sources,
    IReadOnlyList<string> Problems)
{
    /// <summary>The problems as one line; null when there are none.</summary>
    public string? Problem => Problems.Count == 0 ? null : string.Join("; ", Problems);

    /// <summary>Whether <paramref name="tagOrDigest"/> is on the skip list.</summary>
    public bool Skips(string? tagOrDigest) =>
        tagOrDigest is not null && Skip.Any(s => string.Equals(s, tagOrDigest, StringComparison.Ordinal));

    /// <summary>How many of a group of <paramref name="members"/> go first in a canary rollout (at least one, never all when there are more).</summary>
    public int CanariesOf(int members)
    {
        var byShare = (int)Math.Ceiling(members * CanaryPercent / 100.0);
        var wanted = Math.Max(1, Math.Max(CanaryCount, byShare));
        return members <= 1 ? members : Math.Min(wanted, members - 1);
    }
}
