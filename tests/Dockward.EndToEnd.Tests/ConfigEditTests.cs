using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>Configuration edits end to end: asked for through the API, carried out by the agent on a real engine.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ConfigEditTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("cfe");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task An_env_and_label_edit_is_applied_by_the_agent_and_shows_in_docker_inspect()
    {
        var (dockward, demo, agentId) = await StartAsync();
        await using var _dockward = dockward;
        var before = await demo.InspectAsync();

        var jobId = await EditAsync(dockward, agentId, demo, """{"env":{"GREETING":"bonjour","EXTRA":"1"},"labels":{"tier":"front"}}""");

        var job = await WaitForEndAsync(dockward, jobId);
        job.GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
        job.GetProperty("trigger").GetString().ShouldBe("config");
        var touched = job.GetProperty("config").GetString().ShouldNotBeNull();
        touched.ShouldContain("GREETING", customMessage: "the job's history says what the edit touched");
        touched.ShouldNotContain("bonjour", customMessage: "by name: an env value may be a secret, and every viewer reads jobs");
        var after = await demo.InspectAsync();
        after.ID.ShouldNotBe(before.ID);
        after.Image.ShouldBe(before.Image, "the edit keeps the image");
        after.Config.Env.ShouldContain("GREETING=bonjour");
        after.Config.Env.ShouldContain("EXTRA=1");
        after.Config.Env.ShouldContain("MODE=demo");
        after.Config.Labels["tier"].ShouldBe("front");
        await Wait.UntilAsync("demo to serve again", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == $"1.0-{scope.Prefix}");
    }

    [Fact]
    public async Task An_edit_that_breaks_the_container_is_rolled_back_to_the_old_one()
    {
        var (dockward, demo, agentId) = await StartAsync();
        await using var _dockward = dockward;
        var before = await demo.InspectAsync();

        var jobId = await EditAsync(dockward, agentId, demo, """{"env":{"BREAK":"yes"}}""");

        var job = await WaitForEndAsync(dockward, jobId);
        job.GetProperty("state").GetString().ShouldBe("rolled_back", dockward.Logs);
        var after = await demo.InspectAsync();
        after.ID.ShouldBe(before.ID);
        after.State.Running.ShouldBeTrue();
        after.Config.Env.ShouldBe(before.Config.Env);
        (await demo.GetPageAsync()).ShouldBe($"1.0-{scope.Prefix}");

        // The image was not at fault: the next edit is taken as any other.
        var next = await EditAsync(dockward, agentId, demo, """{"labels":{"tier":"back"}}""");
        (await WaitForEndAsync(dockward, next)).GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
    }

    /// <summary>demo serving 1.0 (exiting at once when BREAK=yes), and a Dockward whose agent reported it.</summary>
    private async Task<(DockwardInstance Dockward, DemoContainer Demo, string AgentId)> StartAsync()
    {
        var repository = scope.Prefix + "/app";
        var image = new TestImage($"1.0-{scope.Prefix}", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1", "if [ x$BREAK = xyes ]; then echo bad setting; exit 5; fi; " + TestImage.ServeHttp);
        var digest = await TestImages.PushAsync(servers.Registry, repository, "latest", image);
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:latest");
        await demo.CreateAsync();
        var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        var reported = await dockward.WaitForContainerAsync(demo.Name, c => c.GetProperty("repoDigests").EnumerateArray().Any(d => d.GetString()!.EndsWith(digest, StringComparison.Ordinal)), "the agent to report demo");
        return (dockward, demo, reported.GetProperty("agentId").GetString()!);
    }

    private static async Task<string> EditAsync(DockwardInstance dockward, string agentId, DemoContainer demo, string change)
    {
        using var content = new StringContent(change, Encoding.UTF8, "application/json");
        using var response = await dockward.Http.PostAsync(new Uri($"/api/containers/{agentId}/{demo.Name}/config", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!;
    }

    private static async Task<JsonElement> WaitForEndAsync(DockwardInstance dockward, string jobId) =>
        (JsonElement)await Wait.ForAsync<object>($"job {jobId} to end", TimeSpan.FromSeconds(120), async () =>
        {
            var job = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{jobId}", UriKind.Relative));
            return job.GetProperty("state").GetString() is "pending" or "running" ? null : job;
        }, () => dockward.Logs);
}
