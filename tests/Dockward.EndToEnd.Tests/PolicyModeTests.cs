using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>Each policy mode end to end: a real engine, registry, control plane and agent.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class PolicyModeTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("pol");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_manual_mode_update_waits_untouched_until_approved_and_then_runs()
    {
        var (dockward, demo, agentId, _) = await StartAsync(new Dictionary<string, string> { ["dockward.update"] = "manual" });
        await using var _dockward = dockward;
        var d2 = await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "latest", TestImage.Healthy("2.0"));

        (await CheckAsync(dockward, demo)).GetProperty("jobsCreated").GetInt32().ShouldBe(1, dockward.Logs);
        var waiting = await WaitingAsync(dockward, "awaiting_approval", demo.Name);
        waiting.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(6));
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await demo.GetPageAsync()).ShouldBe("1.0", "nothing runs before an operator approves");

        using var approve = await dockward.Http.PostAsync(new Uri($"/api/jobs/{waiting.GetProperty("id").GetString()}/approve", UriKind.Relative), null);
        approve.StatusCode.ShouldBe(HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());

        var job = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, d2);
        job.GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
        job.GetProperty("decidedBy").GetString().ShouldBe("user:admin");
        await Wait.UntilAsync("demo to serve 2.0", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == "2.0");
    }

    [Fact]
    public async Task A_scheduled_update_waits_for_its_window_and_runs_once_a_window_is_open()
    {
        // A window that opened an hour ago and lasted a minute: closed now, next open tomorrow.
        var closed = DateTimeOffset.UtcNow.AddHours(-1);
        var (dockward, demo, agentId, _) = await StartAsync(new Dictionary<string, string>
        {
            ["dockward.update"] = "scheduled",
            ["dockward.windows"] = $"{closed.Minute} {closed.Hour} * * * for 1m in UTC",
        });
        await using var _dockward = dockward;
        var d2 = await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "latest", TestImage.Healthy("2.0"));

        await CheckAsync(dockward, demo);
        var scheduled = await WaitingAsync(dockward, "scheduled", demo.Name);
        scheduled.GetProperty("notBefore").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(20));

        // An operator gives the container a window that is always open; the scheduler (every 15 s) releases the job.
        using var set = await dockward.Http.PutAsJsonAsync(new Uri($"/api/policies/containers/{agentId}/{demo.Name}", UriKind.Relative), new
        {
            settings = new { mode = "scheduled", windows = new[] { new { cron = "* * * * *", length = "2m", timeZone = "Europe/Berlin" } } },
            locked = true,
            version = (string?)null,
        });
        set.IsSuccessStatusCode.ShouldBeTrue(await set.Content.ReadAsStringAsync());

        var job = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, d2);
        job.GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
        await Wait.UntilAsync("demo to serve 2.0", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == "2.0");
    }

    [Fact]
    public async Task A_monitor_only_container_is_reported_and_never_touched()
    {
        var (dockward, demo, _, _) = await StartAsync(new Dictionary<string, string> { ["com.centurylinklabs.watchtower.monitor-only"] = "true" });
        await using var _dockward = dockward;
        await TestImages.PushAsync(servers.Registry, scope.Prefix + "/app", "latest", TestImage.Healthy("2.0"));

        var check = await CheckAsync(dockward, demo);

        check.GetProperty("jobsCreated").GetInt32().ShouldBe(0, dockward.Logs);
        check.GetProperty("updatesAvailable").GetInt32().ShouldBe(1, dockward.Logs);
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await demo.GetPageAsync()).ShouldBe("1.0");
    }

    [Fact]
    public async Task A_minor_tag_policy_moves_the_container_to_the_newest_minor_tag_and_the_plan_says_what_changes()
    {
        var repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "1.2.0", TestImage.Healthy("1.2.0") with { Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.2.0" } });
        var (dockward, demo, agentId, _) = await StartAsync(new Dictionary<string, string> { ["dockward.tag"] = "minor" }, tag: "1.2.0");
        await using var _dockward = dockward;
        var target = await TestImages.PushAsync(servers.Registry, repository, "1.3.1", TestImage.Healthy("1.3.1") with
        {
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.3.1", ["org.opencontainers.image.source"] = "https://example.org/app" },
            Env = new Dictionary<string, string> { ["FEATURE"] = "on" },
        });
        await TestImages.PushAsync(servers.Registry, repository, "2.0.0", TestImage.Healthy("2.0.0"));

        var plan = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers/{agentId}/{demo.Name}/plan", UriKind.Relative));
        plan.GetProperty("current").GetProperty("version").GetString().ShouldBe("1.2.0");
        plan.GetProperty("target").GetProperty("tag").GetString().ShouldBe("1.3.1", "2.0.0 is a major move");
        plan.GetProperty("target").GetProperty("digest").GetString().ShouldBe(target);
        plan.GetProperty("target").GetProperty("source").GetString().ShouldBe("https://example.org/app");
        plan.GetProperty("target").GetProperty("created").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(-1));
        var changes = plan.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        changes.ShouldContain("image");
        changes.ShouldContain("env.FEATURE");
        plan.GetProperty("steps").GetArrayLength().ShouldBeGreaterThan(3);

        await CheckAsync(dockward, demo);
        var job = await dockward.WaitForFinishedJobAsync(agentId, demo.Name, target);
        job.GetProperty("state").GetString().ShouldBe("succeeded", dockward.Logs);
        job.GetProperty("targetImage").GetString().ShouldBe($"{servers.Registry.Host}/{repository}:1.3.1");
        (await demo.InspectAsync()).Config.Image.ShouldBe($"{servers.Registry.Host}/{repository}:1.3.1");
        await Wait.UntilAsync("demo to serve 1.3.1", TimeSpan.FromSeconds(10), async () => await demo.GetPageAsync() == "1.3.1");
    }

    /// <summary>demo on <c>app:tag</c> serving 1.0 (or the tag), with <paramref name="labels"/>, and a Dockward that has seen it.</summary>
    private async Task<(DockwardInstance Dockward, DemoContainer Demo, string AgentId, string Digest)> StartAsync(IReadOnlyDictionary<string, string> labels, string tag = "latest")
    {
        var repository = scope.Prefix + "/app";
        var digest = tag == "latest"
            ? await TestImages.PushAsync(servers.Registry, repository, tag, TestImage.Healthy("1.0"))
            : await TestImages.PushAsync(servers.Registry, repository, tag, TestImage.Healthy(tag) with { Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = tag } });
        var demo = new DemoContainer(scope.Docker, scope.Prefix, $"{servers.Registry.Host}/{repository}:{tag}");
        await demo.CreateAsync(labels: labels);
        var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        var reported = await dockward.WaitForContainerAsync(demo.Name, c => c.GetProperty("repoDigests").EnumerateArray().Any(d => d.GetString()!.EndsWith(digest, StringComparison.Ordinal)), "the agent to report demo");
        return (dockward, demo, reported.GetProperty("agentId").GetString()!, digest);
    }

    /// <summary>A check of demo's repository only (other tests' containers on this engine are not this test's business).</summary>
    private static async Task<JsonElement> CheckAsync(DockwardInstance dockward, DemoContainer demo)
    {
        using var response = await dockward.Http.PostAsync(new Uri($"/api/checks?image={Uri.EscapeDataString(demo.Image)}", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitingAsync(DockwardInstance dockward, string state, string container) =>
        (await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/updates/waiting?state={state}", UriKind.Relative)))
            .EnumerateArray().Single(j => j.GetProperty("containerName").GetString() == container);
}
