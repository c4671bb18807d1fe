using Dockward.Core.Agents;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Containers;

/// <summary>
/// This instance's in-memory view of every container, for lists that must answer in milliseconds at 10,000
/// containers. Reloaded from the store in the background once older than <see cref="RefreshAfter"/> (a request
/// waits only while there is no view yet), and changed at once by this instance's own inventory intake and
/// registrations. Effective policies are resolved once per container version and policy book, not per request.
/// </summary>
internal sealed class ContainerCatalog(
    IContainerStore containers,
    IAgentStore agents,
    IPolicyStore policies,
    IImageCheckStore checks,
    PolicyResolver resolver,
    TimeProvider clock,
    ILogger<ContainerCatalog> logger) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

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
            var agentList = agents.ListAsync(cancellationToken);
            var policyList = policies.ListAsync(cancellationToken);
            var checkList = checks.ListAsync(cancellationToken);
            var containerList = containers.ListAsync(cancellationToken);
            await Task.WhenAll(agentList, policyList, checkList, containerList);

            var agentsById = (await agentList).ToDictionary(a => a.Id, StringComparer.Ordinal);
            var checksByImage = (await checkList).ToDictionary(c => c.Image, StringComparer.Ordinal);
            var policyRecords = await policyList;
            var containerRecords = await containerList;
            var fingerprint = string.Join('\n', policyRecords.Select(p => $"{p.Scope}/{p.Key}/{p.Version}").Order(StringComparer.Ordinal));

            lock (gate)
            {
                var previous = snapshot;
                var samePolicies = fingerprint == bookFingerprint;
                if (!samePolicies)
                {
                    book = new PolicyBook(policyRecords);
                    bookFingerprint = fingerprint;
                }

                var known = samePolicies && previous is not null
                    ? previous.Entries.ToDictionary(e => (e.Container.AgentId, e.Container.Name))
                    : [];
                var entries = new List<CatalogEntry>();
                foreach (var group in containerRecords.GroupBy(c => c.AgentId, StringComparer.Ordinal))
                {
                    if (previous is not null && observedAt.GetValueOrDefault(group.Key) > started)
                    {
                        // This instance's intake saw a newer report of the agent while the store was being read.
                        entries.AddRange(previous.Entries.Where(e => e.Container.AgentId == group.Key));
                        if (previous.Agents.TryGetValue(group.Key, out var observed))
                        {
                            agentsById[group.Key] = observed;
                        }

                        continue;
                    }

                    var host = agentsById.GetValueOrDefault(group.Key)?.Name ?? group.Key;
                    foreach (var container in group)
                    {
                        var policy = known.GetValueOrDefault((container.AgentId, container.Name)) is { } seen
                            && seen.Container.Version == container.Version && seen.Container.Registered == container.Registered
                            ? seen.Policy
                            : resolver.Resolve(container, book);
                        entries.Add(CatalogEntry.Of(container, host, policy));
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
}
