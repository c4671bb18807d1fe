using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

[Collection(ServersCollection.Name)]
[Trait("Area", "EndToEnd")]
public sealed class UpdateLoopTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("e2e");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_pushed_image_reaches_the_container_and_a_bad_one_is_rolled_back()
    {
        var repository = scope.Prefix + "/app";
        var d1 = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("1.0"));
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
        await demo.CreateAsync();
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);

        // The agent enrols and reports the container with the digest it runs.
        var reported = await dockward.WaitForContainerAsync(demo.Name, c => HasDigest(c, d1), "the agent to report demo on D1");
        var agentId = reported.GetProperty("agentId").GetString()!;

        // D2 is pushed under the same tag; a check finds it and the agent updates demo.
        var d2 = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Healthy("2.0"));
        var check = await dockward.CheckNowAsync();
        check.GetProperty("jobsCreated").GetInt32().ShouldBe(1, dockward.Logs);
        var updated = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, d2);
        updated.GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
        Steps(updated).ShouldContain("gate");
        await ShouldRunAsync(demo, d2, "2.0");

        // A bad image is pushed: the update fails its gate and demo is rolled back to D2.
        await dockward.WaitForContainerAsync(demo.Name, c => HasDigest(c, d2), "the agent to report demo on D2");
        var bad = await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.ExitsAtOnce("3.0-broken"));
        (await dockward.CheckNowAsync()).GetProperty("jobsCreated").GetInt32().ShouldBe(1, dockward.Logs);
        var rolledBack = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, bad);
        rolledBack.GetProperty("state").GetString().ShouldBe("rolled_back", dockward.Logs);
        rolledBack.GetProperty("failedStep").GetString().ShouldBe("gate");
        rolledBack.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("exited with code 3");
        await ShouldRunAsync(demo, d2, "2.0");

        // The bad digest is not tried again by the next check.
        (await dockward.CheckNowAsync()).GetProperty("jobsCreated").GetInt32().ShouldBe(0, dockward.Logs);

        // Both updates are in the audit log: started and finished by the agent, the second one as a failure.
        var audit = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?action=update.*", UriKind.Relative));
        var entries = audit.EnumerateArray().Where(e => e.GetProperty("target").GetString() == $"{agentId}/{demo.Name}").ToList();
        entries.Count(e => e.GetProperty("action").GetString() == "update.start").ShouldBe(2);
        entries.Where(e => e.GetProperty("action").GetString() == "update.finish").Select(e => e.GetProperty("result").GetString())
            .ShouldBe(["failure", "success"]);
        entries.ShouldAllBe(e => e.GetProperty("actor").GetString() == $"agent:{agentId}");
    }

    /// <summary>demo runs <paramref name="digest"/> under its name with everything the user configured.</summary>
    private async Task ShouldRunAsync(DemoContainer demo, string digest, string page)
    {
        var container = await demo.InspectAsync();
        container.State.Running.ShouldBeTrue();
        (await demo.RunningRepoDigestsAsync()).ShouldContain($"{servers.Registry.Host}/{scope.Prefix}/app@{digest}");
        container.Config.Env.ShouldContain("GREETING=hello");
        container.Config.Labels["team"].ShouldBe("blue");
        container.HostConfig.Binds.ShouldContain($"{demo.Volume}:/data");
        container.HostConfig.PortBindings["8080/tcp"].Single().HostPort.ShouldBe(demo.HostPort.ToString());
        container.NetworkSettings.Networks[demo.Network].Aliases.ShouldContain("web");
        await Wait.UntilAsync($"demo to serve {page}", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == page);
    }

    private static bool HasDigest(JsonElement container, string digest) =>
        container.GetProperty("repoDigests").EnumerateArray().Any(d => d.GetString()!.EndsWith("@" + digest, StringComparison.Ordinal));

    private static List<string> Steps(JsonElement job) =>
        job.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
}
