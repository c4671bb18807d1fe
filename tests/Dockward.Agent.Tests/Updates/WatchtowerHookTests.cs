using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>Watchtower's lifecycle hook labels run as Dockward's own do, so containers move over without relabelling.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class WatchtowerHookTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 2, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("wt");
    private DemoContainer demo = null!;
    private string repository = null!;
    private string oldVersion = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        oldVersion = $"1.0-{scope.Prefix}";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy(oldVersion));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Watchtower_pre_and_post_update_hooks_run_in_the_old_and_the_new_container()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string>
        {
            [UpdateHooks.WatchtowerPreUpdateLabel] = "cat /www/index.html > /data/pre-update.txt",
            [UpdateHooks.WatchtowerPostUpdateLabel] = "cat /www/index.html > /data/post-update.txt",
        });
        var newVersion = $"2.0-{scope.Prefix}";
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy(newVersion));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.Reason.ShouldBeNull();
        (await ReadAsync("/data/pre-update.txt")).ShouldBe(oldVersion, "the pre-update hook ran in the old container");
        (await ReadAsync("/data/post-update.txt")).ShouldBe(newVersion, "the post-update hook ran in the new container");
    }

    [Fact]
    public async Task A_failing_Watchtower_pre_update_hook_aborts_the_update_with_nothing_changed()
    {
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string> { [UpdateHooks.WatchtowerPreUpdateLabel] = "exit 75" });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("pre-update");
        outcome.Reason.ShouldNotBeNull().ShouldContain("exited with code 75");
        (await demo.InspectAsync()).ID.ShouldBe(oldId);
        (await demo.GetPageAsync()).ShouldBe(oldVersion);
    }

    [Fact]
    public async Task Dockwards_own_hook_label_is_run_instead_of_Watchtowers()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string>
        {
            [UpdateHooks.PreUpdateLabel] = "echo dockward > /data/pre-update.txt",
            [UpdateHooks.WatchtowerPreUpdateLabel] = "echo watchtower > /data/pre-update.txt",
        });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        (await ReadAsync("/data/pre-update.txt")).ShouldBe("dockward");
    }

    /// <summary>A file's content, read with an exec in whichever container holds the demo's name now.</summary>
    private async Task<string> ReadAsync(string path)
    {
        var container = await demo.InspectAsync();
        var exec = await scope.Docker.Exec.ExecCreateContainerAsync(container.ID, new ContainerExecCreateParameters { Cmd = ["cat", path], AttachStdout = true });
        using var stream = await scope.Docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false);
        var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout.Trim();
    }
}
