using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// "Update a group now" on the real engine, registry and Azurite, with the control plane and agent as processes:
/// the AdvanceRollouts timer (every 5 s) moves the rollout on, member by member, as in production.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Policy")]
public sealed class RolloutTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("roll");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_rolling_group_update_halts_at_a_member_that_never_turns_healthy_and_leaves_the_rest_untouched()
    {
        var members = await CreateGroupAsync("a", "b", "c");
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        await ReportedAsync(dockward, members);
        var d2 = new Dictionary<string, string>
        {
            ["a"] = await PushAsync("a", TestImage.Healthy($"2.0-{scope.Prefix}-a")),
            ["b"] = await PushAsync("b", TestImage.NeverHealthy($"2.0-broken-{scope.Prefix}-b")),
            ["c"] = await PushAsync("c", TestImage.Healthy($"2.0-{scope.Prefix}-c")),
        };
        // The group's containers are in monitor mode: the check only records the new digests, the group update moves
        // them. (Its jobsCreated is not asserted: the agent also reports containers other tests run on the same engine.)
        await dockward.CheckNowAsync();

        var rolloutId = await UpdateGroupAsync(dockward);
        var ended = await WaitForEndAsync(dockward, rolloutId);

        ended.GetProperty("rollout").GetProperty("state").GetString().ShouldBe("halted", dockward.Logs);
        ended.GetProperty("rollout").GetProperty("reason").GetString().ShouldNotBeNull().ShouldStartWith($"{members["b"].Name} rolled_back");
        var states = MemberStates(ended);
        states[members["a"].Name].ShouldBe("succeeded", dockward.Logs);
        states[members["b"].Name].ShouldBe("rolled_back", dockward.Logs);
        states[members["c"].Name].ShouldBe("cancelled", dockward.Logs);
        (await members["a"].RunningRepoDigestsAsync()).ShouldContain(d => d.EndsWith("@" + d2["a"], StringComparison.Ordinal));
        (await members["b"].RunningRepoDigestsAsync()).ShouldNotContain(d => d.EndsWith("@" + d2["b"], StringComparison.Ordinal));
        (await members["c"].RunningRepoDigestsAsync()).ShouldNotContain(d => d.EndsWith("@" + d2["c"], StringComparison.Ordinal));
        (await members["c"].InspectAsync()).State.Running.ShouldBeTrue();
        ended.GetProperty("jobs")[0].GetProperty("durationSeconds").GetDouble().ShouldBeGreaterThan(0);

        // The API around it: listed by group, a bad page size refused, an ended rollout not cancelled again, and audited.
        var listed = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/rollouts?group={Group}&state=halted", UriKind.Relative));
        listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldBe([rolloutId]);
        using (var badPage = await dockward.Http.GetAsync(new Uri("/api/rollouts?pageSize=500", UriKind.Relative)))
        {
            badPage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            badPage.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using (var cancel = await dockward.Http.PostAsync(new Uri($"/api/rollouts/{rolloutId}/cancel", UriKind.Relative), null))
        {
            cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }

        var audit = await dockward.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?action=rollout.*", UriKind.Relative));
        audit.EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("result").GetString()))
            .ShouldBe([("rollout.cancel", "failure"), ("rollout.start", "success")]);
    }

    [Fact]
    public async Task A_canary_that_fails_is_rolled_back_and_the_rest_of_the_group_is_left_untouched()
    {
        var members = await CreateGroupAsync("a", "b");
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        await ReportedAsync(dockward, members);
        await SetGroupPolicyAsync(dockward, new { rollout = "canary", canaryCount = 1, canaryWindow = "1m" });
        var bad = await PushAsync("a", TestImage.NeverHealthy($"2.0-broken-{scope.Prefix}-a"));
        var d2 = await PushAsync("b", TestImage.Healthy($"2.0-{scope.Prefix}-b"));
        await dockward.CheckNowAsync();

        var rolloutId = await UpdateGroupAsync(dockward);
        var ended = await WaitForEndAsync(dockward, rolloutId);

        var rollout = ended.GetProperty("rollout");
        rollout.GetProperty("kind").GetString().ShouldBe("canary");
        rollout.GetProperty("canaryJobIds").GetArrayLength().ShouldBe(1);
        rollout.GetProperty("state").GetString().ShouldBe("halted", dockward.Logs);
        rollout.GetProperty("reason").GetString().ShouldNotBeNull().ShouldStartWith($"canary {members["a"].Name} rolled_back");
        var states = MemberStates(ended);
        states[members["a"].Name].ShouldBe("rolled_back", dockward.Logs);
        states[members["b"].Name].ShouldBe("cancelled", dockward.Logs);
        (await members["a"].RunningRepoDigestsAsync()).ShouldNotContain(d => d.EndsWith("@" + bad, StringComparison.Ordinal));
        (await members["b"].RunningRepoDigestsAsync()).ShouldNotContain(d => d.EndsWith("@" + d2, StringComparison.Ordinal));
        (await members["a"].InspectAsync()).State.Running.ShouldBeTrue();
    }

    [Fact]
    public async Task A_rollout_goes_on_after_the_control_plane_restarts_in_the_middle_of_it()
    {
        var members = await CreateGroupAsync("a", "b");
        await using var dockward = await DockwardInstance.StartAsync(servers, scope.Prefix);
        await ReportedAsync(dockward, members);
        var d2 = new Dictionary<string, string>
        {
            ["a"] = await PushAsync("a", TestImage.Healthy($"2.0-{scope.Prefix}-a")),
            ["b"] = await PushAsync("b", TestImage.Healthy($"2.0-{scope.Prefix}-b")),
        };
        await dockward.CheckNowAsync();
        var rolloutId = await UpdateGroupAsync(dockward);

        await Wait.UntilAsync("the first member to succeed", TimeSpan.FromSeconds(120), async () =>
            MemberStates(await GetRolloutAsync(dockward, rolloutId)).GetValueOrDefault(members["a"].Name) == "succeeded", () => dockward.Logs);
        // Stopped between two AdvanceRollouts ticks (every 5 s, each a few ms): a process killed during a tick keeps
        // that timer's lease until it expires (functionTimeout + 30 s), which would only make this test slow.
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds((7_500 - (now.ToUnixTimeMilliseconds() % 5_000)) % 5_000));
        // A new process on the same store: nothing of the old one survives but the tables.
        await dockward.RestartControlPlaneWithEmptyStateAsync(scope.Prefix);
        var ended = await WaitForEndAsync(dockward, rolloutId);

        ended.GetProperty("rollout").GetProperty("state").GetString().ShouldBe("completed", dockward.Logs);
        MemberStates(ended).Values.ShouldAllBe(s => s == "succeeded", dockward.Logs);
        (await members["b"].RunningRepoDigestsAsync()).ShouldContain(d => d.EndsWith("@" + d2["b"], StringComparison.Ordinal));
    }

    private string Group => scope.Prefix + "-group";

    /// <summary>Sets the group's policy through the policy API.</summary>
    private async Task SetGroupPolicyAsync(DockwardInstance dockward, object settings)
    {
        using var response = await dockward.Http.PutAsJsonAsync(new Uri($"/api/policies/groups/{Group}", UriKind.Relative), new { settings });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private string Repository(string key) => $"{scope.Prefix}/{key}";

    private Task<string> PushAsync(string key, TestImage image) => TestImages.PushAsync(servers.Registry, Repository(key), "latest", image);

    /// <summary>One container per key, each on its own repository at 1.0, all in <see cref="Group"/>, in monitor mode.</summary>
    private async Task<Dictionary<string, DemoContainer>> CreateGroupAsync(params string[] keys)
    {
        var members = new Dictionary<string, DemoContainer>();
        foreach (var key in keys)
        {
            await PushAsync(key, TestImage.Healthy($"1.0-{scope.Prefix}-{key}"));
            var demo = new DemoContainer(scope.Docker, $"{scope.Prefix}{key}-", $"{servers.Registry.Host}/{Repository(key)}:latest");
            await demo.CreateAsync(labels: new Dictionary<string, string> { ["dockward.group"] = Group, ["dockward.update"] = "monitor" });
            members[key] = demo;
        }

        return members;
    }

    private static async Task ReportedAsync(DockwardInstance dockward, Dictionary<string, DemoContainer> members)
    {
        foreach (var demo in members.Values)
        {
            await dockward.WaitForContainerAsync(demo.Name, c => c.GetProperty("repoDigests").GetArrayLength() > 0, $"the agent to report {demo.Name}");
        }
    }

    private async Task<string> UpdateGroupAsync(DockwardInstance dockward)
    {
        using var response = await dockward.Http.PostAsync(new Uri($"/api/groups/{Group}/update", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body + "\n" + dockward.Logs);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static Task<JsonElement> GetRolloutAsync(DockwardInstance dockward, string rolloutId) =>
        dockward.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/rollouts/{rolloutId}", UriKind.Relative));

    /// <summary>The rollout with its jobs once it has ended and every job it started has ended too.</summary>
    private static async Task<JsonElement> WaitForEndAsync(DockwardInstance dockward, string rolloutId) =>
        (JsonElement)await Wait.ForAsync<object>($"rollout {rolloutId} to end", TimeSpan.FromSeconds(180), async () =>
        {
            var view = await GetRolloutAsync(dockward, rolloutId);
            var jobsEnded = view.GetProperty("jobs").EnumerateArray()
                .All(j => j.GetProperty("job").GetProperty("state").GetString() is not ("pending" or "running" or "held"));
            return view.GetProperty("rollout").GetProperty("state").GetString() != "running" && jobsEnded ? view : null;
        }, () => dockward.Logs);

    /// <summary>The state of each member (not rollback) job by container name.</summary>
    private static Dictionary<string, string> MemberStates(JsonElement view) =>
        view.GetProperty("jobs").EnumerateArray()
            .Where(j => j.GetProperty("role").GetString() == "member")
            .ToDictionary(j => j.GetProperty("job").GetProperty("containerName").GetString()!, j => j.GetProperty("job").GetProperty("state").GetString()!);
}
