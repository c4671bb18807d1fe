using Dockward.Core.Updates;

namespace Dockward.Core.Rollouts;

/// <summary>The jobs of one rollout.</summary>
/// <param name="Members">The containers' updates, in rollout order.</param>
/// <param name="Rollbacks">Jobs the rollout added to put updated members back, oldest first.</param>
internal sealed record RolloutJobs(IReadOnlyList<UpdateJob> Members, IReadOnlyList<UpdateJob> Rollbacks);
