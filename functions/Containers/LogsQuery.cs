using System.Globalization;
using Dockward.Contracts;

namespace Dockward.Functions.Containers;

/// <summary>The query of <c>GET /api/containers/{agentId}/{name}/logs</c>.</summary>
internal sealed record LogsQuery(int Tail, DateTimeOffset? Since, bool Stdout, bool Stderr, bool Timestamps, bool Follow)
{
    public const int DefaultTail = 200;

    public LogRequest Request => new(Tail, Since, Stdout, Stderr);

    /// <summary>The query, or what is wrong with it.</summary>
    public static (LogsQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        var problems = new List<string>();
        var tail = DefaultTail;
        if (Single(query, "tail", problems) is { } tailText && (!int.TryParse(tailText, NumberStyles.None, CultureInfo.InvariantCulture, out tail) || tail is < 1 or > ReportLimits.LogLines))
        {
            problems.Add($"tail must be a whole number from 1 to {ReportLimits.LogLines}.");
        }

        DateTimeOffset? since = null;
        if (Single(query, "since", problems) is { } sinceText)
        {
            if (DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                since = parsed;
            }
            else
            {
                problems.Add("since must be an ISO 8601 time, e.g. 2025-03-01T12:00:00Z.");
            }
        }

        var stdout = Flag(query, "stdout", true, problems);
        var stderr = Flag(query, "stderr", true, problems);
        var timestamps = Flag(query, "timestamps", true, problems);
        var follow = Flag(query, "follow", false, problems);
        if (problems.Count == 0 && !stdout && !stderr)
        {
            problems.Add("stdout and stderr cannot both be false.");
        }

        return problems.Count > 0
            ? (null, string.Join(" ", problems))
            : (new LogsQuery(tail, since, stdout, stderr, timestamps, follow), null);
    }

    /// <summary>A line as the API answers it: without its time when timestamps are off.</summary>
    public object View(LogLine line) => Timestamps
        ? new { time = (DateTimeOffset?)line.Time, line.Stream, line.Text }
        : new { time = (DateTimeOffset?)null, line.Stream, line.Text };

    private static string? Single(IQueryCollection query, string name, List<string> problems)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            problems.Add($"{name} may be given once.");
            return null;
        }

        return values.Count == 1 ? values[0] : null;
    }

    private static bool Flag(IQueryCollection query, string name, bool fallback, List<string> problems)
    {
        var text = Single(query, name, problems);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{name} must be true or false.");
        return fallback;
    }
}
