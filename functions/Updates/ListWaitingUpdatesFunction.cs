using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>
/// GET /api/updates/waiting: every update that has not started — scheduled for a window (with <c>notBefore</c>),
/// awaiting approval (with <c>expiresAt</c>), held for its turn in a rollout, or pending for its agent — oldest first.
/// <c>?state=scheduled</c> (or <c>awaiting_approval</c>, <c>held</c>, <c>pending</c>) narrows it.
/// </summary>
internal sealed class ListWaitingUpdatesFunction(IUpdateJobStore jobs) : IHttpFunction
{
    private static readonly Dictionary<string, JobState> Waiting = new(StringComparer.Ordinal)
    {
        ["scheduled"] = JobState.Scheduled,
        ["awaiting_approval"] = JobState.AwaitingApproval,
        ["held"] = JobState.Held,
        ["pending"] = JobState.Pending,
    };

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var state = context.Request.Query["state"].ToString();
        JobState[] states;
        if (state.Length == 0)
        {
            states = [.. Waiting.Values];
        }
        else if (Waiting.TryGetValue(state, out var one))
        {
            states = [one];
        }
        else
        {
            return Problems.BadRequest($"state must be one of {string.Join(", ", Waiting.Keys)}.");
        }

        var found = await jobs.ListAsync(JobFilter.InStates(states), cancellationToken);
        return Results.Json(found.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal));
    }
}
