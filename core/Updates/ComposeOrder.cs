using Dockward.Core.Policies.Labels;

namespace Dockward.Core.Updates;

/// <summary>
/// The order an agent's pending jobs are handed out in: oldest first, except that a container of a compose
/// project waits for the pending jobs of the services it depends on, so a database is updated before the app
/// that needs it, as <c>docker compose up</c> starts them. Compose records the dependencies on each container:
/// <c>com.docker.compose.depends_on</c> = <c>service:condition:restart,…</c> (Compose v2; older versions wrote bare
/// service names), matched with <c>com.docker.compose.service</c> within one <c>com.docker.compose.project</c>.
/// Watchtower's <c>com.centurylinklabs.watchtower.depends-on</c> (container names on the same host) is followed
/// the same way, so containers labelled for Watchtower keep their order.
/// </summary>
internal static class ComposeOrder
{
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";
    public const string DependsOnLabel = "com.docker.compose.depends_on";

    /// <summary>A depends_on label longer than this is not read: no compose file has such a list, and it comes from an agent.</summary>
    private const int MaxDependsOnLength = 8192;

    /// <summary>
    /// <paramref name="jobs"/> in hand-out order: each after the jobs of the services it depends on, and
    /// otherwise by age. Dependencies that form a cycle are broken by age: the oldest of them goes first.
    /// </summary>
    /// <param name="labelsOf">The labels of a job's container, or null when the inventory does not have it (it then waits for nothing).</param>
    public static IReadOnlyList<UpdateJob> Order(IReadOnlyList<UpdateJob> jobs, Func<UpdateJob, IReadOnlyDictionary<string, string>?> labelsOf)
    {
        // Job ids are unique and sort by creation time; they key everything below.
        var byAge = jobs.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
        var labels = byAge.ToDictionary(j => j.Id, j => labelsOf(j) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var jobsOfService = byAge
            .Where(j => Service(labels[j.Id]) is not null)
            .ToLookup(j => Service(labels[j.Id])!.Value, j => j.Id);
        var jobsOfContainer = byAge.ToLookup(j => (j.AgentId, j.ContainerName), j => j.Id);
        var waitsFor = byAge.ToDictionary(
            j => j.Id,
            j => DependsOn(labels[j.Id]).SelectMany(s => jobsOfService[s])
                .Concat(WatchtowerLabels.DependenciesOf(labels[j.Id]).SelectMany(name => jobsOfContainer[(j.AgentId, name)]))
                .Where(id => id != j.Id)
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        var waiting = new List<UpdateJob>(byAge);
        var ordered = new List<UpdateJob>(byAge.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (waiting.Count > 0)
        {
            var next = waiting.FirstOrDefault(j => waitsFor[j.Id].IsSubsetOf(placed)) ?? OldestOnACycle(waiting, waitsFor, placed);
            waiting.Remove(next);
            placed.Add(next.Id);
            ordered.Add(next);
        }

        return ordered;
    }

    /// <summary>
    /// When every waiting job waits for another, some of them wait for each other: follows the oldest unplaced
    /// dependency from the oldest waiting job until a job repeats, and returns the oldest job of that cycle (not a
    /// job that merely waits for the cycle).
    /// </summary>
    /// <param name="waiting">The jobs not placed yet, oldest first; each waits for at least one of the others.</param>
    private static UpdateJob OldestOnACycle(List<UpdateJob> waiting, Dictionary<string, HashSet<string>> waitsFor, HashSet<string> placed)
    {
        var path = new List<UpdateJob>();
        var current = waiting[0];
        while (!path.Contains(current))
        {
            path.Add(current);
            current = waiting.First(j => !placed.Contains(j.Id) && waitsFor[current.Id].Contains(j.Id));
        }

        return path.Skip(path.IndexOf(current)).MinBy(waiting.IndexOf)!;
    }

    private static (string Project, string Service)? Service(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ProjectLabel, out var project) && labels.TryGetValue(ServiceLabel, out var service)
            && !string.IsNullOrWhiteSpace(project) && !string.IsNullOrWhiteSpace(service)
            ? (project, service)
            : null;

    /// <summary>The services a container depends on, within its own project.</summary>
    private static IEnumerable<(string Project, string Service)> DependsOn(IReadOnlyDictionary<string, string> labels)
    {
        if (Service(labels) is not { } own || !labels.TryGetValue(DependsOnLabel, out var value) || value.Length > MaxDependsOnLength)
        {
            return [];
        }

        return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':', 2)[0].Trim())
            .Where(service => service.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(service => (own.Project, service));
    }
}
