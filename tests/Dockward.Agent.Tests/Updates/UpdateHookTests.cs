using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>Pre- and post-update hooks from labels, run inside the container on the real engine.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class UpdateHookTests(Servers servers) : IAsyncLifetime
{
    private static readonly HealthGateSettings QuickGate = new(MonitorWindowSeconds: 3, HealthTimeoutSeconds: 15);

    private readonly DockerScope scope = new("hook");
    private DemoContainer demo = null!;
    private string repository = null!;

    public async Task InitializeAsync()
    {
        repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("1.0"));
        demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task The_pre_update_hook_runs_in_the_old_container_and_the_post_update_hook_in_the_new_one()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string>
        {
            [UpdateHooks.PreUpdateLabel] = "echo pre > /data/pre-update.txt",
            [UpdateHooks.PostUpdateLabel] = "cat /www/index.html > /data/post-update.txt",
        });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));
        var steps = new RecordingStepReporter();

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate, steps);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded, outcome.Reason);
        outcome.Reason.ShouldBeNull();
        (await ReadAsync("/data/pre-update.txt")).ShouldBe("pre");
        (await ReadAsync("/data/post-update.txt")).ShouldBe("2.0", "the post-update hook ran in the new container");
        var order = steps.Steps.Where(s => s.Status == StepStatus.Started).Select(s => s.Step).ToList();
        order.IndexOf("pre-update").ShouldBeLessThan(order.IndexOf("stop"));
        order.IndexOf("post-update").ShouldBeGreaterThan(order.IndexOf("gate"));
    }

    [Fact]
    public async Task A_failing_pre_update_hook_aborts_the_update_with_nothing_changed()
    {
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string> { [UpdateHooks.PreUpdateLabel] = "echo not now >&2; exit 4" });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.FailedStep.ShouldBe("pre-update");
        outcome.Reason.ShouldNotBeNull().ShouldContain("exited with code 4");
        outcome.Reason.ShouldContain("not now");
        var container = await demo.InspectAsync();
        container.ID.ShouldBe(oldId, "the very same container, never stopped or renamed");
        container.State.Running.ShouldBeTrue();
        container.RestartCount.ShouldBe(0);
        (await demo.GetPageAsync()).ShouldBe("1.0");
    }

    [Fact]
    public async Task A_pre_update_hook_that_outlives_its_timeout_aborts_the_update()
    {
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string>
        {
            [UpdateHooks.PreUpdateLabel] = "sleep 30",
            [UpdateHooks.TimeoutLabel] = "1",
        });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.Reason.ShouldNotBeNull().ShouldContain("did not finish within 1 s");
        (await demo.InspectAsync()).ID.ShouldBe(oldId);
        (await demo.GetPageAsync()).ShouldBe("1.0");
    }

    [Fact]
    public async Task A_failing_post_update_hook_is_reported_and_the_update_stands()
    {
        await demo.CreateAsync(labels: new Dictionary<string, string> { [UpdateHooks.PostUpdateLabel] = "exit 9" });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Succeeded);
        outcome.Reason.ShouldNotBeNull().ShouldContain("post-update hook failed: 'exit 9' exited with code 9");
        (await demo.GetPageAsync()).ShouldBe("2.0");
    }

    [Fact]
    public async Task A_hook_timeout_label_that_is_not_a_number_of_seconds_refuses_the_update_untouched()
    {
        var oldId = await demo.CreateAsync(labels: new Dictionary<string, string>
        {
            [UpdateHooks.PreUpdateLabel] = "true",
            [UpdateHooks.TimeoutLabel] = "soon",
        });
        var newDigest = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));

        var outcome = await Updaters.UpdateAsync(scope.Docker, demo.Name, demo.Image, newDigest, QuickGate);

        outcome.Outcome.ShouldBe(JobOutcome.Failed);
        outcome.Reason.ShouldNotBeNull().ShouldContain("dockward.hook.timeout='soon'");
        (await demo.InspectAsync()).ID.ShouldBe(oldId);
    }

    /// <summary>A file's content, read with an exec in whichever container holds the demo's name now.</summary>
    private async Task<string> ReadAsync(string path)
    {
        var container = await demo.InspectAsync();
        var exec = await scope.Docker.Exec.ExecCreateContainerAsync(
            container.ID, new ContainerExecCreateParameters { Cmd = ["cat", path], AttachStdout = true });
        using var stream = await scope.Docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false);
        var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return stdout.Trim();
    }
}
