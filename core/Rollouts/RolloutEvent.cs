namespace Dockward.Core.Rollouts;

/// <summary>One decision of a rollout, as people read it: <c>released web-2</c>, <c>halted: web-2 rolled_back: …</c>.</summary>
internal sealed record RolloutEvent(DateTimeOffset At, string Message);
