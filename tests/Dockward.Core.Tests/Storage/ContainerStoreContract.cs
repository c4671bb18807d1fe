using Dockward.Core.Containers;

namespace Dockward.Core.Tests.Storage;

/// <summary>What every <see cref="IContainerStore"/> backend must do; one subclass per backend.</summary>
public abstract class ContainerStoreContract
{
    private static readonly DateTimeOffset Reported = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A store over this test's own, initially empty, storage.</summary>
    private protected abstract IContainerStore CreateStore();

    [Fact]
    public async Task A_reported_inventory_reads_back_container_by_container()
    {
        var store = CreateStore();
        var web = Container("agent-1", "web") with
        {
            RepoDigests = ["127.0.0.1:5000/team/web@sha256:" + new string('a', 64), "mirror.example.com/team/web@sha256:" + new string('a', 64)],
            Health = "healthy",
            Labels = new Dictionary<string, string> { ["dockward.enable"] = "true", ["com.example/owner"] = "blue team" },
        };
        var db = Container("agent-1", "db") with { State = "exited", RepoDigests = [], Labels = new Dictionary<string, string>() };

        await store.ReplaceInventoryAsync("agent-1", [web, db], CancellationToken.None);

        var read = await store.GetAsync("agent-1", "web", CancellationToken.None);
        read.ShouldNotBeNull();
        read.AgentId.ShouldBe("agent-1");
        read.Name.ShouldBe("web");
        read.Id.ShouldBe(web.Id);
        read.Image.ShouldBe(web.Image);
        read.ImageId.ShouldBe(web.ImageId);
        read.RepoDigests.ShouldBe(web.RepoDigests);
        read.State.ShouldBe("running");
        read.Health.ShouldBe("healthy");
        read.Labels.ShouldBe(web.Labels, ignoreOrder: true);
        read.Created.ShouldBe(web.Created);
        read.ReportedAt.ShouldBe(web.ReportedAt);
        (await store.GetAsync("agent-1", "db", CancellationToken.None))!.State.ShouldBe("exited");
        (await store.ListAsync(CancellationToken.None)).Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(["db", "web"]);
    }

    [Fact]
    public async Task A_container_that_was_never_reported_is_not_found()
    {
        var store = CreateStore();
        await store.ReplaceInventoryAsync("agent-1", [Container("agent-1", "web")], CancellationToken.None);

        (await store.GetAsync("agent-1", "db", CancellationToken.None)).ShouldBeNull();
        (await store.GetAsync("agent-2", "web", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_new_report_updates_containers_still_there_adds_new_ones_and_deletes_the_rest()
    {
        var store = CreateStore();
        await store.ReplaceInventoryAsync("agent-1", [Container("agent-1", "web"), Container("agent-1", "old-worker")], CancellationToken.None);

        var recreated = Container("agent-1", "web") with { Id = "recreated-id", ImageId = "sha256:" + new string('2', 64), ReportedAt = Reported.AddMinutes(1) };
        await store.ReplaceInventoryAsync("agent-1", [recreated, Container("agent-1", "cache")], CancellationToken.None);

        var names = (await store.ListAsync(CancellationToken.None)).Select(c => c.Name).Order(StringComparer.Ordinal);
        names.ShouldBe(["cache", "web"]);
        var web = await store.GetAsync("agent-1", "web", CancellationToken.None);
        web!.Id.ShouldBe("recreated-id");
        web.ImageId.ShouldBe(recreated.ImageId);
        web.ReportedAt.ShouldBe(recreated.ReportedAt);
        (await store.GetAsync("agent-1", "old-worker", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Replacing_one_agents_inventory_keeps_every_other_agents_inventory()
    {
        var store = CreateStore();
        await store.ReplaceInventoryAsync("agent-1", [Container("agent-1", "web")], CancellationToken.None);
        await store.ReplaceInventoryAsync("agent-2", [Container("agent-2", "web"), Container("agent-2", "db")], CancellationToken.None);

        await store.ReplaceInventoryAsync("agent-1", [Container("agent-1", "api")], CancellationToken.None);
        await store.ReplaceInventoryAsync("agent-3", [], CancellationToken.None);

        var all = (await store.ListAsync(CancellationToken.None)).Select(c => $"{c.AgentId}/{c.Name}").Order(StringComparer.Ordinal);
        all.ShouldBe(["agent-1/api", "agent-2/db", "agent-2/web"]);
    }

    [Fact]
    public async Task An_empty_report_removes_every_container_of_that_agent()
    {
        var store = CreateStore();
        await store.ReplaceInventoryAsync("agent-1", [Container("agent-1", "web"), Container("agent-1", "db")], CancellationToken.None);

        await store.ReplaceInventoryAsync("agent-1", [], CancellationToken.None);

        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_host_with_hundreds_of_containers_is_stored_and_pruned_in_full()
    {
        var store = CreateStore();
        var many = Enumerable.Range(0, 230).Select(i => Container("agent-1", $"svc-{i:D3}")).ToList();
        await store.ReplaceInventoryAsync("agent-1", many, CancellationToken.None);
        (await store.ListAsync(CancellationToken.None)).Count.ShouldBe(230);

        await store.ReplaceInventoryAsync("agent-1", many.Take(20).ToList(), CancellationToken.None);

        var names = (await store.ListAsync(CancellationToken.None)).Select(c => c.Name).Order(StringComparer.Ordinal);
        names.ShouldBe(many.Take(20).Select(c => c.Name));
    }

    private static ContainerRecord Container(string agentId, string name) => new(
        agentId,
        name,
        Id: $"{name}-container-id",
        Image: $"127.0.0.1:5000/team/{name}:latest",
        ImageId: "sha256:" + new string('1', 64),
        RepoDigests: [$"127.0.0.1:5000/team/{name}@sha256:" + new string('3', 64)],
        State: "running",
        Health: null,
        Labels: new Dictionary<string, string> { ["dockward.enable"] = "true" },
        Created: new DateTimeOffset(2025, 2, 27, 16, 45, 12, 345, TimeSpan.Zero).AddTicks(6789),
        ReportedAt: Reported);
}
