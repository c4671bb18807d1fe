using System.Globalization;
using Dockward.Core.Rollouts;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Rollouts;

/// <summary>
/// GET /api/rollouts?state=&amp;group=&amp;page=&amp;pageSize=: rollouts, newest first. <c>state</c> is running, completed,
/// halted or cancelled; <c>page</c> from 1; <c>pageSize</c> 1–200 (50).
/// </summary>
internal sealed class ListRolloutsFunction(IRolloutStore rollouts) : IHttpFunction
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        RolloutState? state = null;
        if (query["state"].ToString() is { Length: > 0 } stateText)
        {
            state = stateText switch
            {
                "running" => RolloutState.Running,
                "completed" => RolloutState.Completed,
                "halted" => RolloutState.Halted,
                "cancelled" => RolloutState.Cancelled,
                _ => null,
            };
            if (state is null)
            {
                return Problems.BadRequest("state must be running, completed, halted or cancelled.");
            }
        }

        var group = query["group"].ToString() is { Length: > 0 } g ? g : null;
        if (group is { Length: > 300 })
        {
            return Problems.BadRequest("group may be at most 300 characters.");
        }

        if (!TryNumber(query["page"], 1, int.MaxValue, 1, out var page))
        {
            return Problems.BadRequest("page must be a whole number from 1.");
        }

        if (!TryNumber(query["pageSize"], 1, MaxPageSize, DefaultPageSize, out var pageSize))
        {
            return Problems.BadRequest($"pageSize must be a whole number from 1 to {MaxPageSize}.");
        }

        var found = await rollouts.ListAsync(state, group, cancellationToken);
        // Ids sort by creation time.
        var newestFirst = found.OrderByDescending(r => r.Id, StringComparer.Ordinal).ToList();
        var items = newestFirst.Skip((int)Math.Min((long)(page - 1) * pageSize, int.MaxValue)).Take(pageSize).ToList();
        return Results.Json(new RolloutPage(items, page, pageSize, newestFirst.Count));
    }

    private static bool TryNumber(Microsoft.Extensions.Primitives.StringValues text, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return text.Count == 0 || text.ToString().Length == 0
            || (int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
