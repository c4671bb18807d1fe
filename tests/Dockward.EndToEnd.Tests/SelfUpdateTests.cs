using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// The agent updating its own container (issue 5): it runs in a container labelled for updates, its image gets a
/// new digest, and the job for its own container is carried out by a helper container, so the host is never left
/// without an agent: the new agent runs, or a broken one is rolled back and the old agent runs again; either way
/// the job's end reaches the real control plane and no helper is left behind.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class SelfUpdateTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("self");
    private DockwardInstance? dockward;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (dockward is not null)
        {
            await dockward.DisposeAsync();
        }

        await scope.DisposeAsync(); // the agent, any helper, and the agent's data volume
    }

    private string Repository => scope.Prefix + "/agent";

    [Fact]
    public async Task The_agent_updates_its_own_container_through_a_helper_and_the_new_agent_reports_success()
    {
        var (agent, agentId, _) = await StartAgentOnV1Async();
        var v2 = await AgentImage.PushAsync(servers.Registry, Repository, "latest", $"2.0-{scope.Prefix}");

        await dockward!.CheckNowAsync();
        var job = await dockward.WaitForFinishedJobAsync(agentId, agent.Name, v2);

        job.GetProperty("state").GetString().ShouldBe("succeeded", await LogsAsync(agent));
        var running = await agent.InspectAsync();
        running.State.Running.ShouldBeTrue(await LogsAsync(agent));
        (await scope.Docker.Images.InspectImageAsync(running.Image)).RepoDigests.ShouldContain($"{servers.Registry.Host}/{Repository}@{v2}");
        await ShouldBeTheOnlyAgentContainerAsync(agent);
        // The new agent took over the old one's identity and keeps reporting.
        await dockward.WaitForContainerAsync(agent.Name, c => c.GetProperty("agentId").GetString() == agentId && HasDigest(c, v2), "the new agent to report itself on v2");
    }

    [Fact]
    public async Task A_new_agent_that_exits_at_once_is_rolled_back_and_the_old_agent_runs_again_and_reports_it()
    {
        var (agent, agentId, v1Id) = await StartAgentOnV1Async();
        var broken = await AgentImage.PushAsync(servers.Registry, Repository, "latest", $"3.0-broken-{scope.Prefix}", broken: true);

        await dockward!.CheckNowAsync();
        var job = await dockward.WaitForFinishedJobAsync(agentId, agent.Name, broken);

        job.GetProperty("state").GetString().ShouldBe("rolled_back", await LogsAsync(agent));
        job.GetProperty("failedStep").GetString().ShouldBe("gate");
        job.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("exited with code 3");
        var running = await agent.InspectAsync();
        running.ID.ShouldBe(v1Id, "the old agent container itself is back");
        running.State.Running.ShouldBeTrue(await LogsAsync(agent));
        await ShouldBeTheOnlyAgentContainerAsync(agent);
    }

    [Fact]
    public async Task A_helper_that_dies_mid_update_is_restarted_and_restores_the_old_agent_from_the_journal()
    {
        var (agent, agentId, v1Id) = await StartAgentOnV1Async();
        var v2 = await AgentImage.PushAsync(servers.Registry, Repository, "latest", $"2.0-{scope.Prefix}");

        await dockward!.CheckNowAsync();
        var helper = await WaitForHelperPastTheStopAsync(agent);
        // SIGKILL from outside, as a crash would end it: the engine restarts it (on-failure), and it ends the job from the journal.
        helper.State.Pid.ShouldBeGreaterThan(0, $"the helper must be running (pid 0 would signal the test's own process group): {helper.State.Status}, restarts {helper.RestartCount}\n{await LogsAsync(agent)}");
        System.Diagnostics.Process.GetProcessById((int)helper.State.Pid).Kill();
        var job = await dockward.WaitForFinishedJobAsync(agentId, agent.Name, v2);

        job.GetProperty("state").GetString().ShouldBe("interrupted", await LogsAsync(agent));
        var running = await agent.InspectAsync();
        running.ID.ShouldBe(v1Id, "the old agent container itself is back");
        running.State.Running.ShouldBeTrue(await LogsAsync(agent));
        await ShouldBeTheOnlyAgentContainerAsync(agent);
    }

    /// <summary>
    /// The helper, once the job's journal on the agent's volume shows the old agent stopped and no commit yet: the
    /// new agent's gate (the monitor window) still lies ahead, so a kill now lands before the update is final.
    /// </summary>
    private async Task<Docker.DotNet.Models.ContainerInspectResponse> WaitForHelperPastTheStopAsync(AgentContainer agent)
    {
        var volume = await scope.Docker.Volumes.InspectAsync(agent.Volume);
        var folder = Path.Combine(volume.Mountpoint, "journal");
        var seen = "";
        string? helper = null;
        await Wait.UntilAsync("the helper to stop the old agent", TimeSpan.FromSeconds(120), async () =>
        {
            var journal = Directory.Exists(folder)
                ? Directory.GetFiles(folder).Select(File.ReadAllLines).FirstOrDefault(lines => lines.Length > 0 && lines[0].Contains($"\"containerName\":\"{agent.Name}\"", StringComparison.Ordinal)) ?? []
                : [];
            var names = await agent.NamesAsync();
            // Not the old agent set aside (<agent>_dockward_…), which sorts first once renamed.
            helper = names.FirstOrDefault(n => n.StartsWith(agent.Name + "_swap_", StringComparison.Ordinal));
            seen = $"containers: {string.Join(", ", names)}\njournal:\n{string.Join('\n', journal)}";
            return helper is not null
                && journal.Count(l => l.Contains("\"step\":\"stop\"", StringComparison.Ordinal)) == 2
                && !journal.Any(l => l.Contains("\"kind\":\"commit\"", StringComparison.Ordinal));
        }, () => seen);
        return await scope.Docker.Containers.InspectContainerAsync(helper!);
    }

    /// <summary>A control plane without an agent process, and the agent in a container on v1, reported by itself.</summary>
    private async Task<(AgentContainer Agent, string AgentId, string ContainerId)> StartAgentOnV1Async()
    {
        var v1 = await AgentImage.PushAsync(servers.Registry, Repository, "latest", $"1.0-{scope.Prefix}");
        dockward = await DockwardInstance.StartAsync(servers, scope.Prefix, agentProcess: false);
        var agent = new AgentContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{Repository}:latest");
        var id = await agent.StartAsync(dockward.AgentEnvironment);
        JsonElement reported;
        try
        {
            reported = await dockward.WaitForContainerAsync(agent.Name, c => HasDigest(c, v1), "the agent in its container to report itself on v1");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(await LogsAsync(agent), e);
        }

        return (agent, reported.GetProperty("agentId").GetString()!, id);
    }

    /// <summary>One container holds the agent's name; no helper and no old agent set aside is left (a helper removes itself just after the outcome).</summary>
    private static async Task ShouldBeTheOnlyAgentContainerAsync(AgentContainer agent)
    {
        var names = Array.Empty<string>() as IReadOnlyList<string>;
        await Wait.UntilAsync("the helper to be gone", TimeSpan.FromSeconds(30), async () =>
        {
            names = await agent.NamesAsync();
            return names.Count == 1;
        }, () => string.Join(", ", names));
        names.ShouldBe([agent.Name]);
    }

    private async Task<string> LogsAsync(AgentContainer agent) => $"{dockward!.Logs}\n{await agent.LogsAsync()}";

    private static bool HasDigest(JsonElement container, string digest) =>
        container.GetProperty("repoDigests").EnumerateArray().Any(d => d.GetString()!.EndsWith("@" + digest, StringComparison.Ordinal));
}
