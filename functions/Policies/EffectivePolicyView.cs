using Dockward.Core.Policies;

namespace Dockward.Functions.Policies;

/// <summary>
/// A container's effective policy as the API shows it: every setting decided (<see cref="Settings"/>, in the same
/// form a PUT takes), where each came from, and what could not be followed.
/// </summary>
internal sealed record EffectivePolicyView(
    string AgentId,
    string Name,
    string? Group,
    PolicySettings Settings,
    IReadOnlyDictionary<string, string> Sources,
    IReadOnlyList<string> Problems)
{
    public static EffectivePolicyView Of(string agentId, string name, EffectivePolicy p) => new(
        agentId,
        name,
        p.Group,
        new PolicySettings
        {
            Enabled = p.Managed,
            Mode = p.Mode,
            Windows = p.Windows,
            ApprovalExpiry = p.ApprovalExpiry,
            Track = p.Track,
            TagInclude = p.Tags?.Include?.ToString(),
            TagExclude = p.Tags?.Exclude?.ToString(),
            TagPattern = p.Tags?.VersionPattern?.ToString(),
            Prerelease = p.Tags?.AllowPrerelease,
            Skip = p.Skip,
            Pin = p.Pin,
            MinimumAge = p.MinimumAge,
            CheckInterval = p.CheckInterval,
            Strategy = p.Strategy,
            Rollout = p.Rollout,
            CanaryCount = p.CanaryCount,
            CanaryPercent = p.CanaryPercent,
            CanaryWindow = p.CanaryWindow,
            RollbackScope = p.RollbackScope,
            MonitorWindow = p.MonitorWindow,
            HealthTimeout = p.HealthTimeout,
        },
        p.Sources,
        p.Problems);
}
