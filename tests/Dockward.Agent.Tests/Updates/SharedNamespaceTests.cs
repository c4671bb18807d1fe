using Docker.DotNet.Models;
using Dockward.Agent.Updates;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// How <c>container:X</c> modes are read and rewritten. Engine 20.10 stores the full id it resolved at create
/// time (checked on this machine: <c>--network container:name</c> is stored as <c>container:&lt;full id&gt;</c>),
/// so the name and short-id forms other engines keep can only be pinned down here, without an engine.
/// </summary>
[Trait("Area", "Update")]
public sealed class SharedNamespaceTests
{
    private const string AppId = "6f1c9723c9b468c550668fa194a8b8d0c1e748699ae797e10e7eb70f013450d7";
    private const string OtherId = "6f1c0000c9b468c550668fa194a8b8d0c1e748699ae797e10e7eb70f013450d7";
    private const string HexNamedId = "b00d00fb23c6563585d5c4af9cfe3c8412726922e219431275fd8824c54e71d8";

    private readonly ContainerReferences references = new([Container(AppId, "/app"), Container(OtherId, "/other"), Container(HexNamedId, "/6f1c9723")]);

    [Theory]
    [InlineData(AppId, AppId)]
    [InlineData("app", AppId)]
    [InlineData("/app", AppId)]
    [InlineData("6f1c9723c9b4", AppId)]
    [InlineData("6f1c0", OtherId)]
    public void A_reference_is_resolved_by_full_id_then_name_then_unique_id_prefix(string reference, string expected)
    {
        references.Resolve(reference).ShouldBe(expected);
    }

    [Fact]
    public void A_name_wins_over_an_id_prefix_as_the_engine_looks_it_up()
    {
        references.Resolve("6f1c9723").ShouldBe(HexNamedId);
    }

    [Theory]
    [InlineData("6f1c")]
    [InlineData("nosuch")]
    [InlineData("")]
    public void An_ambiguous_prefix_or_an_unknown_name_resolves_to_nothing(string reference)
    {
        references.Resolve(reference).ShouldBeNull();
    }

    [Fact]
    public void A_later_container_wins_a_name_two_of_them_held()
    {
        var replacement = Container(OtherId, "/app");
        new ContainerReferences([replacement, Container(AppId, "/app")]).Resolve("app").ShouldBe(AppId);
    }

    [Fact]
    public void Targets_are_read_from_the_network_pid_and_ipc_modes_once_each()
    {
        var host = new HostConfig { NetworkMode = "container:app", PidMode = "container:app", IpcMode = "container:" + OtherId };

        SharedNamespaces.Targets(host).ShouldBe(["app", OtherId]);
        SharedNamespaces.Targets(new HostConfig { NetworkMode = "bridge", PidMode = "host", IpcMode = "shareable" }).ShouldBeEmpty();
        SharedNamespaces.Targets(new HostConfig { NetworkMode = "container:" }).ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_modes_naming_a_replaced_container_are_pointed_at_its_replacement()
    {
        var host = new HostConfig { NetworkMode = "container:app", PidMode = "container:other", IpcMode = "private" };

        SharedNamespaces.Repoint(host, target => references.Resolve(target) == AppId ? "new-id" : null);

        host.NetworkMode.ShouldBe("container:new-id");
        host.PidMode.ShouldBe("container:other");
        host.IpcMode.ShouldBe("private");
        SharedNamespaces.JoinsAnotherNetwork(host).ShouldBeTrue();
    }

    private static ContainerInspectResponse Container(string id, string name) => new() { ID = id, Name = name };
}
