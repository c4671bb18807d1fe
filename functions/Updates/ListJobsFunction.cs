using System.Globalization;
using System.Text.Json;
using Dockward.Core.Updates;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Updates;

/// <summary>
/// GET /api/jobs?agentId=&amp;container=&amp;state=&amp;trigger=&amp;rolloutId=&amp;from=&amp;to=&amp;page=&amp;pageSize=:
/// update history and waiting updates, newest first, one page at a time. <c>state</c> takes several states separated by
/// commas (<c>scheduled,awaiting_approval</c>); <c>from</c>/<c>to</c> are ISO 8601 creation times; pages count from 1,
/// <c>pageSize</c> 1–200 (50).
/// </summary>
internal sealed class ListJobsFunction(IUpdateJobStore jobs) : IHttpFunction
{
    public const int MaxPageSize = 200;

    private static readonly string[] TextFilters = ["agentId", "container", "trigger", "rolloutId", "state"];

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        string? Text(string name) => query[name].ToString() is { Length: > 0 } value ? value : null;
        if (TextFilters.FirstOrDefault(n => Text(n)?.Length > 300) is { } tooLong)
        {
            return Problems.BadRequest($"{tooLong} may be at most 300 characters.");
        }

        if (Text("container") is not null && Text("agentId") is null)
        {
            return Problems.BadRequest("container needs agentId.");
        }

        var states = new List<JobState>();
        foreach (var name in (Text("state") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryState(name, out var state))
            {
                return Problems.BadRequest($"state '{name}' is not one of {string.Join(", ", Enum.GetValues<JobState>().Select(Wire))}.");
            }

            states.Add(state);
        }

        if (!TryTime(Text("from"), out var from) || !TryTime(Text("to"), out var to))
        {
            return Problems.BadRequest("from and to must be ISO 8601 times, e.g. 2026-11-23T08:00:00Z.");
        }

        if (!TryNumber(Text("page"), 1, int.MaxValue, 1, out var page) || !TryNumber(Text("pageSize"), 1, MaxPageSize, 50, out var pageSize))
        {
            return Problems.BadRequest($"page must be a whole number from 1, pageSize from 1 to {MaxPageSize}.");
        }

        var filter = new JobFilter(Text("agentId"), Text("container"), states.Count > 0 ? states : null, Text("trigger"), Text("rolloutId"), from, to);
        var found = (await jobs.ListAsync(filter, cancellationToken)).OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal).ToList();
        var items = found.Skip((int)Math.Min((long)(page - 1) * pageSize, int.MaxValue)).Take(pageSize);
        return Results.Json(new { items, total = found.Count, page, pageSize });
    }

    private static string Wire(JobState state) => JsonSerializer.Serialize(state).Trim('"');

    private static bool TryState(string text, out JobState state)
    {
        foreach (var candidate in Enum.GetValues<JobState>())
        {
            if (Wire(candidate) == text)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static bool TryNumber(string? text, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
