using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Security.Secrets;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;

namespace Dockward.Core.Tests.Containers;

/// <summary>The table store keeps a container's details (the environment encrypted) and joins its registration in.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class ContainerDetailsStoreTests(Servers servers) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly SecretProtector Protector = new(MasterKeyRing.From(new SecretsOptions { MasterKey = TestSecurity.MasterKey }));

    private readonly TableBackend backend = new(servers);

    [Fact]
    public async Task Details_read_back_whole_by_get_and_the_list_leaves_them_out()
    {
        var store = new TableContainerStore(backend.Connect(), Protector);
        var details = new ContainerDetails(
            [new PortMapping(443, "tcp", "127.0.0.1", 8443)], [new MountInfo("tmpfs", null, "/run", false)], [new NetworkAttachment("bridge", "172.17.0.2", [])],
            ["A=1", "SECRET_KEY=s3cret"], new RestartPolicySpec("unless-stopped"), "ok", 0, Now, Now, null, null, 4, ["run"], null);

        await store.ReplaceInventoryAsync("agent-1", [Container("web") with { Details = details }], CancellationToken.None);

        var read = (await store.GetAsync("agent-1", "web", CancellationToken.None)).ShouldNotBeNull().Details.ShouldNotBeNull();
        read.Ports.ShouldBe(details.Ports);
        read.Mounts.ShouldBe(details.Mounts);
        read.Networks.Single().Name.ShouldBe("bridge");
        read.Env.ShouldBe(details.Env);
        read.RestartPolicy.ShouldBe(details.RestartPolicy);
        read.RestartCount.ShouldBe(4);
        read.Command.ShouldBe(["run"]);
        (await store.ListAsync(CancellationToken.None)).Single().Details.ShouldBeNull();
    }

    [Fact]
    public async Task The_swap_says_what_each_container_was_before()
    {
        var store = new TableContainerStore(backend.Connect(), Protector);
        await store.ReplaceInventoryAsync("agent-1", [Container("web"), Container("db") with { Health = "healthy" }], CancellationToken.None);

        var before = await store.SwapInventoryAsync("agent-1", [Container("web") with { State = "exited" }], CancellationToken.None);

        before.OrderBy(s => s.Name, StringComparer.Ordinal).ShouldBe([new ContainerStatus("db", "running", "healthy"), new ContainerStatus("web", "running", null)]);
        (await store.ListAsync(CancellationToken.None)).Single().State.ShouldBe("exited");
    }

    [Fact]
    public async Task A_report_rewrites_only_the_containers_that_changed_an_env_change_included()
    {
        var store = new TableContainerStore(backend.Connect(), Protector);
        var details = new ContainerDetails([], [], [], ["A=1"], new RestartPolicySpec("no"), null, null, null, null, null, null, 0, [], null);
        await store.ReplaceInventoryAsync(
            "agent-1", [Container("web") with { Details = details }, Container("db") with { Details = details }, Container("cache") with { Details = details }],
            CancellationToken.None);
        var first = await VersionsAsync(store);

        // An hour later: web unchanged, db stopped, cache's environment changed (nothing else).
        await store.ReplaceInventoryAsync("agent-1", [
            Container("web") with { Details = details, ReportedAt = Now.AddHours(1) },
            Container("db") with { Details = details, State = "exited", ReportedAt = Now.AddHours(1) },
            Container("cache") with { Details = details with { Env = ["A=2"] }, ReportedAt = Now.AddHours(1) },
        ], CancellationToken.None);
        var second = await VersionsAsync(store);

        second["web"].ShouldBe(first["web"]);
        second["db"].ShouldNotBe(first["db"]);
        second["cache"].ShouldNotBe(first["cache"]);
        (await store.GetAsync("agent-1", "web", CancellationToken.None))!.ReportedAt.ShouldBe(Now);
        (await store.GetAsync("agent-1", "db", CancellationToken.None))!.ReportedAt.ShouldBe(Now.AddHours(1));
        (await store.GetAsync("agent-1", "cache", CancellationToken.None))!.Details!.Env.ShouldBe(["A=2"]);
    }

    [Fact]
    public async Task A_registration_is_joined_into_the_container_it_names()
    {
        var store = new TableContainerStore(backend.Connect(), Protector);
        var registrations = new TableContainerManagementStore(backend.Connect());
        await store.ReplaceInventoryAsync("agent-1", [Container("web"), Container("db")], CancellationToken.None);

        await registrations.SaveAsync(new ContainerRegistration("agent-1", "web", false, "user:admin", Now), CancellationToken.None);

        (await store.GetAsync("agent-1", "web", CancellationToken.None))!.Registered.ShouldBe(false);
        (await store.GetAsync("agent-1", "db", CancellationToken.None))!.Registered.ShouldBeNull();
        (await store.ListAsync(CancellationToken.None)).ToDictionary(c => c.Name, c => c.Registered).ShouldBe(
            new Dictionary<string, bool?> { ["web"] = false, ["db"] = null }, ignoreOrder: true);
        (await registrations.GetAsync("agent-1", "web", CancellationToken.None)).ShouldBe(new ContainerRegistration("agent-1", "web", false, "user:admin", Now));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    private static async Task<Dictionary<string, string?>> VersionsAsync(TableContainerStore store) =>
        (await store.ListAsync(CancellationToken.None)).ToDictionary(c => c.Name, c => c.Version);

    private static ContainerRecord Container(string name) =>
        new("agent-1", name, name + "-id", "registry.example/web:1", "sha256:" + new string('f', 64), [], "running", null, new Dictionary<string, string>(), Now, Now);
}
