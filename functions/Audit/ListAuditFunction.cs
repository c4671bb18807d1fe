using System.Globalization;
using Dockward.Core.Audit;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Audit;

/// <summary>
/// GET /api/audit?actor=&amp;action=&amp;target=&amp;result=&amp;from=&amp;to=&amp;limit=: the audit log, newest first.
/// <c>action</c> may end in <c>.*</c> (e.g. <c>auth.*</c>); <c>from</c>/<c>to</c> are ISO 8601; <c>limit</c> 1–1000 (100).
/// </summary>
internal sealed class ListAuditFunction(IAuditLog log) : IHttpFunction
{
    private static readonly string[] TextFilters = ["actor", "action", "target"];

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (!TryTime(query["from"], out var from) || !TryTime(query["to"], out var to))
        {
            return Problems.BadRequest("from and to must be ISO 8601 times, e.g. 2026-11-23T08:00:00Z.");
        }

        var limit = 100;
        if (query["limit"].Count > 0 && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return Problems.BadRequest("limit must be a whole number from 1 to 1000.");
        }

        if (TextFilters.FirstOrDefault(name => query[name].ToString().Length > 300) is { } tooLong)
        {
            return Problems.BadRequest($"{tooLong} may be at most 300 characters.");
        }

        AuditResult? result = null;
        if (query["result"].ToString() is { Length: > 0 } resultText)
        {
            result = resultText switch
            {
                "success" => AuditResult.Success,
                "failure" => AuditResult.Failure,
                "denied" => AuditResult.Denied,
                _ => null,
            };
            if (result is null)
            {
                return Problems.BadRequest("result must be success, failure or denied.");
            }
        }

        string? Text(string name) => query[name].ToString() is { Length: > 0 } value ? value : null;
        var entries = await log.QueryAsync(new AuditQuery(Text("actor"), Text("action"), Text("target"), from, to, limit, result), cancellationToken);
        return Results.Json(entries);
    }

    private static bool TryTime(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? time)
    {
        time = null;
        if (value.Count == 0 || value.ToString().Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
