using Dockward.Core.Agents;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Containers;

/// <summary>
/// This instance's in-memory view of every container, for lists that must answer in milliseconds at 10,000
/// containers. Refreshed from the store in the background once older than <see cref="RefreshAfter"/> (a request
/// waits only while there is no view yet), and changed at once by this instance's own inventory intake and
/// registrations. A refresh reads the small tables (agents, policies, checks, registrations) and re-reads the
/// containers only of the agents whose record changed since (its ETag: every report stamps the agent seen, so an
/// agent whose record did not change has the same containers). Times are not compared: a store may keep them coarser
/// than the clock that wrote them. An entry (effective policy, search text) is made once per container version,
/// registration and policy book, not per request nor per report: a report rewrites only the containers that changed.
/// </summary>
internal sealed class ContainerCatalog(
    IContainerStore containers,
    IContainerManagementStore registrations,
    IAgentStore agents,
    IPolicyStore policies,
    IImageCheckStore checks,
    PolicyResolver resolver,
    TimeProvider clock,
    ILogger<ContainerCatalog> logger) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);
    private const int AgentReadsAtOnce = 8;

    private readonly Lock gate = new();
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> observedAt = new(StringComparer.Ordinal);
    private CatalogSnapshot? snapshot;
    private PolicyBook book = PolicyBook.Empty;
    private string bookFingerprint = "";
    private Task? refresh;

    /// <summary>The current view; loads it first when there is none, and starts a background reload when it is old.</summary>
    public async Task<CatalogSnapshot> ViewAsync(CancellationToken cancellationToken)
    {
        var current = snapshot;
        if (current is null)
        {
            return await LoadAsync(cancellationToken);
        }

        if (clock.GetUtcNow() - current.LoadedAt >= RefreshAfter)
        {
            lock (gate)
            {
                if (refresh is null || refresh.IsCompleted)
                {
                    refresh = Task.Run(RefreshInBackgroundAsync, CancellationToken.None);
                }
            }
        }

        return current;
    }

    /// <summary>An agent's new inventory, as this instance's intake stored it.</summary>
    public void Observe(AgentRecord agent, IReadOnlyList<ContainerRecord> reported)
    {
        lock (gate)
        {
            observedAt[agent.Id] = clock.GetUtcNow();
            if (snapshot is not { } current)
            {
                return;
            }

            var before = current.Entries.Where(e => e.Container.AgentId == agent.Id).ToDictionary(e => e.Container.Name, StringComparer.Ordinal);
            var added = reported.Select(c =>
            {
                var registered = before.GetValueOrDefault(c.Name)?.Container.Registered;
                var container = c with { Registered = registered, Details = null };
                return CatalogEntry.Of(container, agent.Name, resolver.Resolve(container, book));
            });
            var entries = current.Entries.Where(e => e.Container.AgentId != agent.Id).Concat(added).Order(CatalogSnapshot.DefaultOrder).ToList();
            var agentsNow = new Dictionary<string, AgentRecord>(current.Agents, StringComparer.Ordinal) { [agent.Id] = agent };
            snapshot = new CatalogSnapshot(entries, agentsNow, current.Checks, current.LoadedAt);
        }
    }

    /// <summary>A registration this instance just stored.</summary>
    public void Observe(ContainerRegistration registration)
    {
        lock (gate)
        {
            observedAt[registration.AgentId] = clock.GetUtcNow();
            if (snapshot is not { } current)
            {
                return;
            }

            var entries = current.Entries.Select(e =>
            {
                if (e.Container.AgentId != registration.AgentId || e.Container.Name != registration.Name)
                {
                    return e;
                }

                var container = e.Container with { Registered = registration.Managed };
                return e with { Container = container, Policy = resolver.Resolve(container, book) };
            }).ToList();
            snapshot = new CatalogSnapshot(entries, current.Agents, current.Checks, current.LoadedAt);
        }
    }

    public void Dispose() => loading.Dispose();

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(LoadTimeout);
            await LoadAsync(timeout.Token);
        }
        catch (Exception e)
        {
            // The old view keeps answering; the next request tries again.
            logger.LogWarning("Could not reload the container catalog: {Error}", e.Message);
        }
    }

    private async Task<CatalogSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (snapshot is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < RefreshAfter)
            {
                return fresh;
            }

            var started = clock.GetUtcNow();
            var previous = snapshot;
            var agentList = agents.ListAsync(cancellationToken);
            var policyList = policies.ListAsync(cancellationToken);
            var checkList = checks.ListAsync(cancellationToken);
            var registrationList = registrations.ListAsync(cancellationToken);
            await Task.WhenAll(agentList, policyList, checkList, registrationList);

            var agentsById = (await agentList).ToDictionary(a => a.Id, StringComparer.Ordinal);
            var checksByImage = (await checkList).ToDictionary(c => c.Image, StringComparer.Ordinal);
            var registered = (await registrationList).ToDictionary(r => (r.AgentId, r.Name), r => (bool?)r.Managed);
            var policyRecords = await policyList;
            var fingerprint = string.Join('\n', policyRecords.Select(p => $"{p.Scope}/{p.Key}/{p.Version}").Order(StringComparer.Ordinal));
            var reread = await ReadChangedAgentsAsync(previous, agentsById, cancellationToken);

            lock (gate)
            {
                var samePolicies = fingerprint == bookFingerprint;
                if (!samePolicies)
                {
                    book = new PolicyBook(policyRecords);
                    bookFingerprint = fingerprint;
                }

                var entries = new List<CatalogEntry>();
                var agentIds = reread.Keys
                    .Union(previous?.Entries.Select(e => e.Container.AgentId) ?? [], StringComparer.Ordinal)
                    .Union(snapshot?.Entries.Select(e => e.Container.AgentId) ?? [], StringComparer.Ordinal)
                    .ToList();
                foreach (var agentId in agentIds)
                {
                    if (snapshot is { } current && observedAt.GetValueOrDefault(agentId) > started)
                    {
                        // This instance's intake saw a newer report of the agent while the store was being read: the
                        // view as it is now (not as it was when the read began) holds it.
                        entries.AddRange(current.Entries.Where(e => e.Container.AgentId == agentId));
                        if (current.Agents.TryGetValue(agentId, out var observed))
                        {
                            agentsById[agentId] = observed;
                        }

                        continue;
                    }

                    var known = previous?.Entries.Where(e => e.Container.AgentId == agentId).ToDictionary(e => e.Container.Name, StringComparer.Ordinal)
                        ?? new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
                    var fromStore = reread.TryGetValue(agentId, out var readNow);
                    var records = fromStore ? readNow! : known.Values.Select(e => e.Container).ToList();
                    var host = agentsById.GetValueOrDefault(agentId)?.Name ?? agentId;
                    foreach (var record in records)
                    {
                        var container = record with { Registered = registered.GetValueOrDefault((record.AgentId, record.Name)) };
                        var seen = known.GetValueOrDefault(container.Name);
                        // Not re-read: the record is the entry's own. Re-read: the same stored row (its version) is the same container.
                        var same = seen is not null && seen.Container.Registered == container.Registered
                            && (!fromStore || (container.Version is not null && seen.Container.Version == container.Version));
                        if (same && samePolicies && seen!.Host == host)
                        {
                            // The entry made before still holds (most of a report is unchanged).
                            entries.Add(seen);
                            continue;
                        }

                        entries.Add(CatalogEntry.Of(container, host, same && samePolicies ? seen!.Policy : resolver.Resolve(container, book)));
                    }
                }

                entries.Sort(CatalogSnapshot.DefaultOrder);
                snapshot = new CatalogSnapshot(entries, agentsById, checksByImage, started);
                return snapshot;
            }
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>
    /// The containers of every agent whose record changed since <paramref name="previous"/> was read (all of them on the
    /// first load, in one query), by agent id. Agents left out keep their containers from <paramref name="previous"/>.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<ContainerRecord>>> ReadChangedAgentsAsync(
        CatalogSnapshot? previous, IReadOnlyDictionary<string, AgentRecord> agentsById, CancellationToken cancellationToken)
    {
        if (previous is null)
        {
            return (await containers.ListAsync(cancellationToken))
                .GroupBy(c => c.AgentId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<ContainerRecord>)[.. g], StringComparer.Ordinal);
        }

        var changed = agentsById.Values
            .Where(a => !previous.Agents.TryGetValue(a.Id, out var before) || before.Version != a.Version)
            .Select(a => a.Id)
            .ToList();
        var reread = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<ContainerRecord>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            changed, new ParallelOptions { MaxDegreeOfParallelism = AgentReadsAtOnce, CancellationToken = cancellationToken },
            async (agentId, ct) => reread[agentId] = await containers.ListForAgentAsync(agentId, ct));
        return new Dictionary<string, IReadOnlyList<ContainerRecord>>(reread, StringComparer.Ordinal);
    }
}
