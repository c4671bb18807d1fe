namespace Dockward.Benchmarks.ApiScale;

/// <summary>One kind of container-list request a user or the dashboard makes, with the path and query it sends next.</summary>
internal sealed record ListQuery(string Name, Func<string> Path)
{
    public ListQuery(string name, string path)
        : this(name, () => path)
    {
    }

    /// <summary>
    /// The mix the list is measured with, taken in turn: the dashboard's first page, a search, filters by state, host,
    /// label and health, both sorts, a late page and a combination. <paramref name="pickAgent"/> names the host of each
    /// host filter anew; <paramref name="total"/> places the late page.
    /// </summary>
    public static IReadOnlyList<ListQuery> Mix(Func<string> pickAgent, int total)
    {
        const int pageSize = 50;
        var lastPage = Math.Max(1, (total + pageSize - 1) / pageSize);
        return
        [
            new("first-page", $"/api/containers?page=1&pageSize={pageSize}"),
            new("search", $"/api/containers?q=postgres&pageSize={pageSize}"),
            new("state", $"/api/containers?state=exited,dead&pageSize={pageSize}"),
            new("agent", () => $"/api/containers?agentId={Uri.EscapeDataString(pickAgent())}&pageSize={pageSize}"),
            new("label", $"/api/containers?label={Uri.EscapeDataString("com.docker.compose.service=api")}&pageSize={pageSize}"),
            new("health", $"/api/containers?health=unhealthy&sort=host&pageSize={pageSize}"),
            new("sort-name", $"/api/containers?sort=name&pageSize={pageSize}"),
            new("sort-created", $"/api/containers?sort=-created&pageSize={pageSize}"),
            new("late-page", $"/api/containers?page={lastPage}&pageSize={pageSize}"),
            new("combined", $"/api/containers?q=shop&state=running&sort=-created&page=2&pageSize=100"),
        ];
    }
}
