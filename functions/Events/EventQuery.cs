using System.Text.RegularExpressions;
using Dockward.Core.Events;
using Dockward.Core.Security;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Events;

/// <summary>What a client of <c>/api/events</c> asked for: its filter and, when it resumes, the last id it got.</summary>
internal sealed partial record EventQuery(EventFilter Filter, string? LastEventId)
{
    /// <summary>
    /// Reads <c>types</c> (comma-separated, may repeat), <c>agentId</c>, and <c>Last-Event-ID</c> (header, or the
    /// <c>lastEventId</c> query for clients that cannot set headers); a bad one is a 400 naming it.
    /// </summary>
    public static (EventQuery? Query, IResult? Problem) Parse(HttpRequest request, Role role)
    {
        var types = request.Query["types"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        if (types.Where(t => !EventTypes.All.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            return (null, Problems.BadRequest(
                $"Unknown event type(s) {string.Join(", ", unknown.Take(5).Select(t => $"'{Shorten(t)}'"))}: types takes a comma list of {string.Join(", ", EventTypes.All.Order(StringComparer.Ordinal))}."));
        }

        if (request.Query.ContainsKey("types") && types.Count == 0)
        {
            return (null, Problems.BadRequest("types, when given, names at least one event type."));
        }

        var agentId = request.Query["agentId"];
        if (agentId.Count > 1 || (agentId.Count == 1 && !AgentIdShape().IsMatch(agentId[0] ?? "")))
        {
            return (null, Problems.BadRequest("agentId, when given, is one agent's id (letters, digits, '-' or '_', at most 64)."));
        }

        var lastEventId = request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header ? header : request.Query["lastEventId"].FirstOrDefault();
        if (!string.IsNullOrEmpty(lastEventId) && EventIds.TimeOf(lastEventId) is null)
        {
            return (null, Problems.BadRequest($"'{Shorten(lastEventId)}' is not an event id: resume with the id of the last event received."));
        }

        var filter = new EventFilter(role, types.Count == 0 ? null : types, agentId.Count == 1 ? agentId[0] : null);
        return (new EventQuery(filter, string.IsNullOrEmpty(lastEventId) ? null : lastEventId), null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}…";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex AgentIdShape();
}
