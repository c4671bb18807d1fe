using Dockward.Core.Policies;

namespace Dockward.Core.Containers;

/// <summary>
/// What <c>GET /api/containers</c> asks for: search, filters (each optional, all must hold; a repeated filter
/// matches any of its values), sort keys and the page. <see cref="Parse"/> reads it from query parameters.
/// </summary>
internal sealed record ContainerQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static readonly IReadOnlySet<string> States =
        new HashSet<string>(["created", "running", "paused", "restarting", "removing", "exited", "dead", "unknown"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Healths = new HashSet<string>(["healthy", "unhealthy", "starting", "none"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> SortKeys =
        new HashSet<string>(["name", "image", "state", "health", "host", "created", "reported", "group"], StringComparer.Ordinal);

    /// <summary>Lower-case text searched for in the name, the image and every label key and value.</summary>
    public string? Search { get; init; }

    public string? AgentId { get; init; }

    public IReadOnlySet<string>? StatesIn { get; init; }

    public IReadOnlySet<string>? HealthIn { get; init; }

    /// <summary>True: only those with an update available; false: only those without.</summary>
    public bool? UpdateAvailable { get; init; }

    public IReadOnlySet<UpdateMode>? Modes { get; init; }

    public string? Group { get; init; }

    public bool? Managed { get; init; }

    /// <summary>Labels it must have: a key alone matches any value.</summary>
    public IReadOnlyList<(string Key, string? Value)> Labels { get; init; } = [];

    /// <summary>Sort keys, strongest first; <c>-</c> before a key sorts it descending.</summary>
    public IReadOnlyList<string> Sort { get; init; } = ["host", "name"];

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The query the parameters ask for, or the first problem with them (naming the parameter).</summary>
    public static (ContainerQuery? Query, string? Error) Parse(Func<string, IReadOnlyList<string>> parameter)
    {
        var query = new ContainerQuery();
        var problems = new List<string>();

        string? Single(string name)
        {
            var values = parameter(name);
            if (values.Count > 1)
            {
                problems.Add($"{name} may be given once.");
            }

            return values.Count == 0 || values[0].Length == 0 ? null : values[0];
        }

        IReadOnlySet<string>? OneOf(string name, IReadOnlySet<string> allowed)
        {
            var values = parameter(name).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            var unknown = values.Where(v => !allowed.Contains(v.ToLowerInvariant())).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"{name} '{unknown[0]}' is not one of {string.Join(", ", allowed)}.");
            }

            return values.Count == 0 ? null : values.Select(v => v.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }

        bool? Flag(string name, string yes, string no) => Single(name)?.ToLowerInvariant() switch
        {
            null => null,
            var v when v == yes => true,
            var v when v == no => false,
            var v => Problem<bool?>($"{name} '{v}' is not {yes} or {no}."),
        };

        int Number(string name, int fallback, int min, int max)
        {
            var text = Single(name);
            if (text is null)
            {
                return fallback;
            }

            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                problems.Add($"{name} '{text}' must be a whole number from {min} to {max}.");
                return fallback;
            }

            return n;
        }

        T? Problem<T>(string problem)
        {
            problems.Add(problem);
            return default;
        }

        var modes = OneOf("mode", new HashSet<string>(["auto", "scheduled", "manual", "monitor"], StringComparer.Ordinal));
        var labels = parameter("label").Select(l => l.Split('=', 2)).Select(p => (Key: p[0], Value: p.Length == 2 ? p[1] : null)).ToList();
        if (labels.Any(l => l.Key.Length == 0))
        {
            problems.Add("label needs a key: key or key=value.");
        }

        var sort = (Single("sort") ?? "host,name").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var key in sort.Where(k => !SortKeys.Contains(k.TrimStart('-'))))
        {
            problems.Add($"sort '{key}' is not one of {string.Join(", ", SortKeys)} (with - for descending).");
        }

        query = query with
        {
            Search = Single("q")?.ToLowerInvariant(),
            AgentId = Single("agentId"),
            StatesIn = OneOf("state", States),
            HealthIn = OneOf("health", Healths),
            UpdateAvailable = Flag("update", "available", "none"),
            Modes = modes?.Select(m => PolicyResolver.TryParseMode(m, out var mode) ? mode : default).ToHashSet(),
            Group = Single("group"),
            Managed = Flag("managed", "true", "false"),
            Labels = labels,
            Sort = sort.Length == 0 ? ["host", "name"] : sort,
            Page = Number("page", 1, 1, int.MaxValue),
            PageSize = Number("pageSize", DefaultPageSize, 1, MaxPageSize),
        };

        return problems.Count == 0 ? (query, null) : (null, problems[0]);
    }
}
