using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// The agent killed with SIGKILL right after each line of its journal reaches the disk (the step about to be
/// taken), then started again: the container ends updated (once the new one had passed its gate) or restored,
/// never missing and never twice, and the control plane records the job's end exactly once.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class CrashRecoveryTests(Servers servers, SharedDockward shared) : IAsyncLifetime, IClassFixture<SharedDockward>
{
    private const string CrashAfter = "DOCKWARD_TEST_CRASH_AFTER";
    private readonly DockerScope scope = new("crash");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Theory]
    [InlineData("begin", "interrupted")]
    [InlineData("inspect:started", "interrupted")]
    [InlineData("inspected", "interrupted")]
    [InlineData("pull:started", "interrupted")]
    [InlineData("pull:succeeded", "interrupted")]
    [InlineData("stop:started", "interrupted")]
    [InlineData("stop:succeeded", "interrupted")]
    [InlineData("rename:started", "interrupted")]
    [InlineData("create:started", "interrupted")]
    [InlineData("create:succeeded", "interrupted")]
    [InlineData("start:started", "interrupted")]
    [InlineData("gate:started", "interrupted")]
    [InlineData("commit", "succeeded")]
    [InlineData("cleanup:started", "succeeded")]
    [InlineData("outcome", "succeeded")]
    public async Task An_agent_killed_during_a_good_update_ends_it_updated_or_restored_exactly_once(string crashPoint, string expectedState)
    {
        var (dockward, demo, agentId, d1) = await StartWithDemoAsync(crashPoint);
        var d2 = await TestImages.PushAsync(servers.Registry, Repository, "latest", TestImage.Healthy($"2.0-{scope.Prefix}"));

        await UpdateAndCrashAsync(dockward, agentId, demo, crashPoint);
        await dockward.RestartAgentAsync(new Dictionary<string, string?> { [CrashAfter] = null });

        var job = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, d2);
        job.GetProperty("state").GetString().ShouldBe(expectedState, dockward.Logs);
        await ShouldBeOneContainerRunningAsync(demo, expectedState == "succeeded" ? d2 : d1, dockward);
        await ShouldEndExactlyOnceAsync(dockward, agentId, demo, job);
    }

    [Theory]
    [InlineData("gate:failed")]
    [InlineData("rollback:started")]
    [InlineData("rollback:succeeded")]
    [InlineData("outcome")]
    public async Task An_agent_killed_while_rolling_back_a_bad_update_ends_it_rolled_back_exactly_once(string crashPoint)
    {
        var (dockward, demo, agentId, d1) = await StartWithDemoAsync(crashPoint);
        var bad = await TestImages.PushAsync(servers.Registry, Repository, "latest", TestImage.ExitsAtOnce($"3.0-broken-{scope.Prefix}"));

        await UpdateAndCrashAsync(dockward, agentId, demo, crashPoint);
        await dockward.RestartAgentAsync(new Dictionary<string, string?> { [CrashAfter] = null });

        var job = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, bad);
        job.GetProperty("state").GetString().ShouldBe("rolled_back", dockward.Logs);
        job.GetProperty("failedStep").GetString().ShouldBe("gate");
        job.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("exited with code 3");
        await ShouldBeOneContainerRunningAsync(demo, d1, dockward);
        await ShouldEndExactlyOnceAsync(dockward, agentId, demo, job);
    }

    private string Repository => scope.Prefix + "/app";

    /// <summary>The demo container on D1, reported by an agent that will kill itself at <paramref name="crashPoint"/>.</summary>
    private async Task<(DockwardInstance Dockward, DemoContainer Demo, string AgentId, string D1)> StartWithDemoAsync(string crashPoint)
    {
        var d1 = await TestImages.PushAsync(servers.Registry, Repository, "latest", TestImage.Healthy($"1.0-{scope.Prefix}"));
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{Repository}:latest");
        await demo.CreateAsync();
        var dockward = await shared.GetAsync(servers);
        await dockward.RestartAgentAsync(new Dictionary<string, string?> { [CrashAfter] = crashPoint });
        var reported = await dockward.WaitForContainerAsync(demo.Name, c => HasDigest(c, d1), "the agent to report demo on D1");
        return (dockward, demo, reported.GetProperty("agentId").GetString()!, d1);
    }

    /// <summary>Queues the update of demo alone and waits for the agent to kill itself at the crash point.</summary>
    private static async Task UpdateAndCrashAsync(DockwardInstance dockward, string agentId, DemoContainer demo, string crashPoint)
    {
        using var queued = await dockward.Http.PostAsync(new Uri($"/api/containers/{agentId}/{demo.Name}/update", UriKind.Relative), null);
        queued.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, dockward.Logs);
        var exitCode = await dockward.Agent.WaitForExitAsync(TimeSpan.FromSeconds(120));
        // 137 = 128 + SIGKILL: the agent died at the crash point, not by an error of its own.
        exitCode.ShouldBe(137, $"the agent should have been killed after '{crashPoint}'\n{dockward.Logs}");
    }

    /// <summary>Exactly one container holds the name, running the digest expected; no aside or half-made copy is left.</summary>
    private async Task ShouldBeOneContainerRunningAsync(DemoContainer demo, string digest, DockwardInstance dockward)
    {
        var container = await demo.InspectAsync();
        container.State.Running.ShouldBeTrue(dockward.Logs);
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{Repository}@{digest}", dockward.Logs);
        var all = await scope.Docker.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true });
        all.SelectMany(c => c.Names).Where(n => n.Contains(demo.Name, StringComparison.Ordinal)).ShouldBe(["/" + demo.Name], dockward.Logs);
    }

    /// <summary>The job ended once: one finish in the audit log, every step recorded once, and the agent's journal emptied.</summary>
    private static async Task ShouldEndExactlyOnceAsync(DockwardInstance dockward, string agentId, DemoContainer demo, JsonElement job)
    {
        var audit = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?action=update.finish", UriKind.Relative));
        audit.EnumerateArray().Count(e => e.GetProperty("target").GetString() == $"{agentId}/{demo.Name}").ShouldBe(1, dockward.Logs);
        var sequences = job.GetProperty("steps").EnumerateArray()
            .Select(s => s.TryGetProperty("sequence", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0).ToList();
        sequences.ShouldBeUnique(dockward.Logs);
        await Wait.UntilAsync("the agent to empty its journal", TimeSpan.FromSeconds(30), () =>
        {
            var folder = Path.Combine(dockward.AgentDataDirectory, "journal");
            return Task.FromResult(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);
        }, () => dockward.Logs);
    }

    private static bool HasDigest(JsonElement container, string digest) =>
        container.GetProperty("repoDigests").EnumerateArray().Any(d => d.GetString()!.EndsWith("@" + digest, StringComparison.Ordinal));
}
