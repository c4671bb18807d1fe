using Dockward.Core.Rollouts;

namespace Dockward.Functions.Rollouts;

/// <summary>One page of rollouts, newest first.</summary>
/// <param name="Total">How many rollouts pass the filter on all pages.</param>
internal sealed record RolloutPage(IReadOnlyList<RolloutRecord> Items, int Page, int PageSize, int Total);
