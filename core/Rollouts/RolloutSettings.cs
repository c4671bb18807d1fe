using Dockward.Core.Policies;

namespace Dockward.Core.Rollouts;

/// <summary>
/// The settings a rollout runs by, taken from its group's effective policy when it was created, so a policy
/// changed meanwhile does not change a rollout half-way.
/// </summary>
internal sealed record RolloutSettings(int CanaryCount, int CanaryPercent, TimeSpan CanaryWindow, RollbackScope RollbackScope)
{
    public static RolloutSettings Of(EffectivePolicy policy) =>
        new(policy.CanaryCount, policy.CanaryPercent, policy.CanaryWindow, policy.RollbackScope);

    /// <summary>How many of <paramref name="members"/> go first: the rule of <see cref="EffectivePolicy.CanariesOf"/> on these settings.</summary>
    public int CanariesOf(int members)
    {
        var byShare = (int)Math.Ceiling(members * CanaryPercent / 100.0);
        var wanted = Math.Max(1, Math.Max(CanaryCount, byShare));
        return members <= 1 ? members : Math.Min(wanted, members - 1);
    }
}
