namespace Dockward.Contracts;

/// <summary>A Docker restart policy.</summary>
/// <param name="Name"><c>no</c>, <c>always</c>, <c>unless-stopped</c> or <c>on-failure</c>.</param>
/// <param name="MaximumRetryCount">For <c>on-failure</c>: how often to retry (0 = without limit); 0 otherwise.</param>
public sealed record RestartPolicySpec(string Name, int MaximumRetryCount = 0);
