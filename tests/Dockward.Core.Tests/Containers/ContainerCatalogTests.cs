using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Containers;

/// <summary>The catalog makes an entry once per container version: a refresh keeps what did not change, on the real store.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ContainerCatalogTests(Servers servers) : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TableBackend backend = new(servers);
    private readonly ManualClock clock = new();
    private TableContainerStore containers = null!;
    private TableAgentStore agents = null!;
    private ContainerCatalog catalog = null!;

    public Task InitializeAsync()
    {
        var storage = backend.Connect();
        containers = new TableContainerStore(storage);
        agents = new TableAgentStore(storage);
        catalog = new ContainerCatalog(
            containers, new TableContainerManagementStore(storage), agents, new TablePolicyStore(storage), new TableImageCheckStore(storage),
            new PolicyResolver(Options.Create(new DetectionOptions()), Options.Create(new PolicyOptions())), clock, NullLogger<ContainerCatalog>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        catalog.Dispose();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task A_refresh_keeps_the_entries_of_containers_that_did_not_change_and_remakes_the_changed_ones()
    {
        var agent = await agents.AddAsync(new AgentRecord("agent-1", "host-1", "hash", "1", "27", clock.Now, clock.Now), CancellationToken.None);
        await containers.ReplaceInventoryAsync("agent-1", [Container("web"), Container("db")], CancellationToken.None);
        var first = await catalog.ViewAsync(CancellationToken.None);

        // Its next report, taken by another instance: web unchanged, db stopped.
        clock.Now = clock.Now.AddSeconds(30);
        await containers.ReplaceInventoryAsync("agent-1", [Container("web"), Container("db") with { State = "exited" }], CancellationToken.None);
        await agents.UpdateAsync(agent with { LastSeenAt = clock.Now }, CancellationToken.None);
        var second = await RefreshedAsync(first);

        Entry(second, "web").ShouldBeSameAs(Entry(first, "web"));
        Entry(second, "db").ShouldNotBeSameAs(Entry(first, "db"));
        Entry(second, "db").Container.State.ShouldBe("exited");
    }

    [Fact]
    public async Task Entries_this_instance_took_from_a_report_are_kept_by_the_next_refresh()
    {
        var agent = await agents.AddAsync(new AgentRecord("agent-1", "host-1", "hash", "1", "27", clock.Now, clock.Now), CancellationToken.None);
        await containers.ReplaceInventoryAsync("agent-1", [Container("web")], CancellationToken.None);
        await catalog.ViewAsync(CancellationToken.None);

        // This instance takes the report: it stores it and tells its catalog at once.
        clock.Now = clock.Now.AddSeconds(30);
        ContainerRecord[] reported = [Container("web"), Container("db")];
        await containers.ReplaceInventoryAsync("agent-1", reported, CancellationToken.None);
        catalog.Observe(await agents.UpdateAsync(agent with { LastSeenAt = clock.Now }, CancellationToken.None), reported);
        var observed = await catalog.ViewAsync(CancellationToken.None);
        var refreshed = await RefreshedAsync(observed);

        Entry(refreshed, "web").ShouldBeSameAs(Entry(observed, "web"));
        Entry(refreshed, "db").ShouldBeSameAs(Entry(observed, "db"));
    }

    /// <summary>The view after the background refresh that <paramref name="before"/> being old started.</summary>
    private async Task<CatalogSnapshot> RefreshedAsync(CatalogSnapshot before)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            var view = await catalog.ViewAsync(CancellationToken.None);
            if (!ReferenceEquals(view, before) && view.LoadedAt > before.LoadedAt)
            {
                return view;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The catalog did not refresh within 10 s.");
    }

    private static CatalogEntry Entry(CatalogSnapshot view, string name) => view.Entries.Single(e => e.Container.Name == name);

    private ContainerRecord Container(string name) =>
        new("agent-1", name, name + "-id", "registry.example/team/app:1", "sha256:" + new string('f', 64), [], "running", null,
            new Dictionary<string, string>(), Created, clock.Now);
}
