using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;
using Dockward.Core.Containers.Config;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Updates;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;
using Microsoft.Extensions.Options;
using static Dockward.Functions.Tests.Policies.PolicyCalls;

namespace Dockward.Functions.Tests.Containers;

/// <summary>Configuration edits through the API: preview, the job that applies one, bad edits, conflicts and who may do what.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Api")]
public sealed class ConfigEditApiTests(Servers servers)
{
    private static readonly string RunningDigest = "sha256:" + new string('a', 64);

    private const string Edit = """
        {
          "env": { "DB_PASSWORD": "s3cret", "MODE": "fast", "OLD": null },
          "labels": { "team": "green", "tier": "front" },
          "ports": [ { "containerPort": 8080, "protocol": "tcp", "hostIp": "127.0.0.1", "hostPort": 9090 } ],
          "mounts": [ { "type": "volume", "source": "data", "destination": "/data", "readOnly": false } ],
          "restartPolicy": { "name": "on-failure", "maximumRetryCount": 3 }
        }
        """;

    [Fact]
    public async Task A_preview_shows_each_change_before_and_after_with_secrets_masked_for_an_operator_and_stores_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        using var @operator = await SignedInAsAsync(controlPlane, "operator");

        using var response = await @operator.PostAsync(Path(agent, "web", "/config/preview"), Json(Edit));

        var preview = await ReadOkAsync(response);
        var changes = preview.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("part").GetString()} {c.GetProperty("key").GetString()}: {Text(c, "before")} -> {Text(c, "after")}")
            .ToList();
        changes.ShouldBe(
            [
                "env DB_PASSWORD: null -> ••••••",
                "env MODE: null -> fast",
                "env OLD: null -> null",
                "labels team: blue -> green",
                "labels tier: null -> front",
                "ports 8080/tcp: null -> 127.0.0.1:9090",
                "mounts /data: null -> volume data",
                "restartPolicy restartPolicy: null -> on-failure:3",
            ],
            ignoreOrder: true);
        preview.GetProperty("current").GetProperty("labels").GetProperty("team").GetString().ShouldBe("blue");
        var proposedLabels = preview.GetProperty("proposed").GetProperty("labels");
        proposedLabels.GetProperty("team").GetString().ShouldBe("green");
        proposedLabels.GetProperty("dockward.enable").GetString().ShouldBe("true", "labels the edit does not name stay");
        preview.GetProperty("proposed").GetProperty("restartPolicy").GetProperty("name").GetString().ShouldBe("on-failure");
        (await Jobs(controlPlane).ListForContainerAsync(agent.AgentId, "web", CancellationToken.None)).ShouldBeEmpty();

        using var asAdmin = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config/preview"), Json(Edit));
        (await ReadOkAsync(asAdmin)).GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("key").GetString() == "DB_PASSWORD").GetProperty("after").GetString().ShouldBe("s3cret", "an admin sees values as they are");
    }

    [Fact]
    public async Task Applying_an_edit_queues_a_pending_config_job_on_the_running_image_that_the_agent_receives_and_audits_it()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        using var @operator = await SignedInAsAsync(controlPlane, "operator");

        using var response = await @operator.PostAsync(Path(agent, "web", "/config"), Json(Edit));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        var accepted = JsonDocument.Parse(body).RootElement;
        accepted.GetProperty("state").GetString().ShouldBe("pending");
        accepted.GetProperty("changes").GetArrayLength().ShouldBe(8);
        var job = (await Jobs(controlPlane).GetAsync(agent.AgentId, accepted.GetProperty("jobId").GetString()!, CancellationToken.None)).ShouldNotBeNull();
        job.Trigger.ShouldBe(ConfigEdits.Trigger);
        job.TargetDigest.ShouldBe(RunningDigest, "an edit keeps the image the container runs");
        job.Config.ShouldNotBeNull().Env!["DB_PASSWORD"].ShouldBe("s3cret");
        job.Config.RestartPolicy.ShouldBe(new RestartPolicySpec("on-failure", 3));
        job.Config.Ports.ShouldNotBeNull().ShouldBe([new PortMapping(8080, "tcp", "127.0.0.1", 9090)]);

        using var poll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds=0", agent.Credential);
        using var next = await controlPlane.Http.SendAsync(poll);
        var assignment = (await next.Content.ReadFromJsonAsync<JobAssignment>()).ShouldNotBeNull();
        assignment.JobId.ShouldBe(job.Id);
        assignment.TargetDigest.ShouldBe(RunningDigest);
        assignment.Config.ShouldNotBeNull().Labels!["tier"].ShouldBe("front");
        assignment.Config.Env!["OLD"].ShouldBeNull("a removal reaches the agent as a removal");

        var audit = (await SecurityCalls.AuditAsync(controlPlane, "action=container.config")).ShouldHaveSingleItem();
        audit.GetProperty("target").GetString().ShouldBe($"{agent.AgentId}/web");
        audit.GetProperty("detail").GetString().ShouldNotBeNull().ShouldNotContain("s3cret", Case.Sensitive, "an env value never reaches the audit log");
    }

    [Fact]
    public async Task An_operator_cannot_edit_the_labels_that_steer_the_agent_nor_bind_a_new_host_path_and_a_job_never_shows_env_values()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        using var @operator = await SignedInAsAsync(controlPlane, "operator");

        using var hook = await @operator.PostAsync(Path(agent, "web", "/config"), Json("""{"labels":{"dockward.hooks.post-update":"chroot /host sh"}}"""));
        using var watchtower = await @operator.PostAsync(Path(agent, "web", "/config"), Json("""{"labels":{"com.centurylinklabs.watchtower.lifecycle.post-update":"sh"}}"""));
        using var root = await @operator.PostAsync(Path(agent, "web", "/config"),
            Json("""{"mounts":[{"type":"bind","source":"/","destination":"/host","readOnly":false}]}"""));

        (await ProblemJson.ReadAsync(hook, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("steer the agent");
        await ProblemJson.ReadAsync(watchtower, HttpStatusCode.UnprocessableEntity);
        (await ProblemJson.ReadAsync(root, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("only an admin");
        (await Jobs(controlPlane).ListForContainerAsync(agent.AgentId, "web", CancellationToken.None)).ShouldBeEmpty();

        using var byAdmin = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"),
            Json("""{"env":{"DB_PASSWORD":"s3cret"},"mounts":[{"type":"bind","source":"/srv/web","destination":"/data","readOnly":true}]}"""));
        var body = await byAdmin.Content.ReadAsStringAsync();
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        var jobId = JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString();
        var job = await @operator.GetStringAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative));
        job.ShouldNotContain("s3cret", Case.Sensitive, "every viewer reads jobs: the edit shows by name only");
        JsonDocument.Parse(job).RootElement.GetProperty("config").GetString().ShouldNotBeNull().ShouldContain("DB_PASSWORD");
    }

    [Fact]
    public async Task An_edit_while_the_container_has_a_job_that_has_not_ended_is_a_conflict_and_changes_nothing()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        var store = Jobs(controlPlane);
        var now = DateTimeOffset.UtcNow;
        var waiting = await store.AddAsync(
            new UpdateJob(UpdateJob.NewId(now), agent.AgentId, "web", "registry.example/web:1.0", "sha256:" + new string('d', 64), null, JobState.AwaitingApproval, Triggers.Timer, null, null, [], now, now),
            CancellationToken.None);

        using var response = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"), Json("""{"env":{"MODE":"fast"}}"""));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(waiting.Id);
        (await store.ListForContainerAsync(agent.AgentId, "web", CancellationToken.None)).ShouldHaveSingleItem().Id.ShouldBe(waiting.Id);

        using var another = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"), Json("""{"labels":{"x":"1"}}"""));
        another.StatusCode.ShouldBe(HttpStatusCode.Conflict, "still refused while that job waits");
    }

    [Fact]
    public async Task An_invalid_edit_is_refused_with_every_problem_listed_and_nothing_is_stored()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        const string bad = """
            {
              "env": { "1BAD": "x", "OK": "nul\u0000here" },
              "labels": { "": "x", "com.docker.compose.project": "other" },
              "ports": [
                { "containerPort": 0, "protocol": "icmp", "hostIp": null, "hostPort": 70000 },
                { "containerPort": 80, "protocol": "tcp", "hostIp": null, "hostPort": 8080 },
                { "containerPort": 81, "protocol": "tcp", "hostIp": "0.0.0.0", "hostPort": 8080 }
              ],
              "mounts": [
                { "type": "bind", "source": "relative/path", "destination": "data", "readOnly": false },
                { "type": "volume", "source": "v1", "destination": "/same", "readOnly": false },
                { "type": "volume", "source": "v2", "destination": "/same/", "readOnly": false },
                { "type": "nfs", "source": "x", "destination": "/nfs", "readOnly": false }
              ],
              "restartPolicy": { "name": "always", "maximumRetryCount": 5000 }
            }
            """;

        foreach (var path in new[] { "/config/preview", "/config" })
        {
            using var response = await controlPlane.Admin.PostAsync(Path(agent, "web", path), Json(bad));

            var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
            var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            errors.ShouldContain(e => e.StartsWith("env '1BAD'", StringComparison.Ordinal));
            errors.ShouldContain(e => e.StartsWith("env 'OK'", StringComparison.Ordinal) && e.Contains("NUL", StringComparison.Ordinal));
            errors.ShouldContain(e => e.StartsWith("label ''", StringComparison.Ordinal));
            errors.ShouldContain(e => e.Contains("com.docker.compose.*", StringComparison.Ordinal));
            errors.ShouldContain("ports[0]: containerPort must be 1-65535");
            errors.ShouldContain("ports[0]: protocol must be tcp, udp or sctp");
            errors.ShouldContain(e => e.StartsWith("ports[0]: hostPort", StringComparison.Ordinal));
            errors.ShouldContain(e => e.StartsWith("ports[2]: host port 8080/tcp", StringComparison.Ordinal));
            errors.ShouldContain(e => e.StartsWith("mounts[0]: destination", StringComparison.Ordinal));
            errors.ShouldContain(e => e.StartsWith("mounts[0]: a bind mount's source", StringComparison.Ordinal));
            errors.ShouldContain("mounts[2]: destination /same/ is mounted twice");
            errors.ShouldContain("mounts[3]: type must be bind or volume");
            errors.ShouldContain("restartPolicy: maximumRetryCount is only for on-failure");
            errors.ShouldContain("restartPolicy: maximumRetryCount must be 0-1000");
            errors.Count.ShouldBe(14, string.Join(Environment.NewLine, errors));
        }

        foreach (var empty in new[] { "{}", """{"env":{},"labels":{}}""" })
        {
            using var response = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"), Json(empty));
            (await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("changes nothing");
        }

        foreach (var malformed in new[] { "not json", """{"envs":{}}""", """{"ports":[{"protocol":"tcp"}]}""", """{"restartPolicy":{"name":null}}""" })
        {
            using var response = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"), Json(malformed));
            await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        }

        using var huge = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"),
            Json(JsonSerializer.Serialize(new { env = Enumerable.Range(0, 500).ToDictionary(i => $"V{i}", _ => new string('x', 100)) })));
        (await ProblemJson.ReadAsync(huge, HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetString().ShouldNotBeNull().ShouldContain("at most 200");

        using var unknown = await controlPlane.Admin.PostAsync(Path(agent, "ghost", "/config"), Json("""{"env":{"MODE":"fast"}}"""));
        await ProblemJson.ReadAsync(unknown, HttpStatusCode.NotFound);
        using var unknownAgent = await controlPlane.Admin.PostAsync(new Uri("/api/containers/no-such-agent/web/config/preview", UriKind.Relative), Json("""{"env":{"MODE":"fast"}}"""));
        await ProblemJson.ReadAsync(unknownAgent, HttpStatusCode.NotFound);

        (await Jobs(controlPlane).ListForContainerAsync(agent.AgentId, "web", CancellationToken.None)).ShouldBeEmpty();
        (await SecurityCalls.AuditAsync(controlPlane, "action=container.config&result=success")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_viewer_may_preview_but_not_apply_and_without_credentials_neither()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        using var viewer = await SignedInAsAsync(controlPlane, "viewer");

        using var preview = await viewer.PostAsync(Path(agent, "web", "/config/preview"), Json(Edit));
        (await ReadOkAsync(preview)).GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("key").GetString() == "DB_PASSWORD").GetProperty("after").GetString().ShouldBe("••••••");
        using var apply = await viewer.PostAsync(Path(agent, "web", "/config"), Json(Edit));
        await ProblemJson.ReadAsync(apply, HttpStatusCode.Forbidden);
        using var anonymous = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, $"/api/containers/{agent.AgentId}/web/config", null, new { env = new { MODE = "x" } });
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var asAgent = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Post, $"/api/containers/{agent.AgentId}/web/config", agent.Credential, new { env = new { MODE = "x" } });
        asAgent.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await Jobs(controlPlane).ListForContainerAsync(agent.AgentId, "web", CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rolled_back_edit_does_not_quarantine_the_image_and_the_next_edit_is_accepted()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var agent = await ReportAsync(controlPlane, "web");
        using var queued = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"), Json("""{"env":{"BREAK":"yes"}}"""));
        queued.StatusCode.ShouldBe(HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        using (var poll = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{agent.AgentId}/jobs/next?waitSeconds=0", agent.Credential))
        using (var next = await controlPlane.Http.SendAsync(poll))
        {
            var jobId = (await next.Content.ReadFromJsonAsync<JobAssignment>())!.JobId;
            using var result = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/jobs/{jobId}/result", agent.Credential,
                JsonContent.Create(new JobResultReport(JobOutcome.RolledBack, "gate", "exited with code 5", RunningDigest)));
            using var reported = await controlPlane.Http.SendAsync(result);
            reported.IsSuccessStatusCode.ShouldBeTrue(await reported.Content.ReadAsStringAsync());
        }

        var rolledBack = (await Jobs(controlPlane).ListForContainerAsync(agent.AgentId, "web", CancellationToken.None)).ShouldHaveSingleItem();
        rolledBack.State.ShouldBe(JobState.RolledBack);
        UpdateRequester.Quarantines(rolledBack).ShouldBeFalse("the image was not at fault");

        using var again = await controlPlane.Admin.PostAsync(Path(agent, "web", "/config"), Json("""{"env":{"BREAK":null}}"""));
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted, await again.Content.ReadAsStringAsync());
    }

    private static Uri Path(EnrolResponse agent, string name, string suffix) => new($"/api/containers/{agent.AgentId}/{name}{suffix}", UriKind.Relative);

    private static string Text(JsonElement change, string property) =>
        change.GetProperty(property).ValueKind == JsonValueKind.Null ? "null" : change.GetProperty(property).GetString()!;

    /// <summary>An agent reports one running container <paramref name="name"/> (labels team=blue, dockward.enable=true).</summary>
    private static async Task<EnrolResponse> ReportAsync(ControlPlaneProcess controlPlane, string name)
    {
        var agent = await controlPlane.EnrolAgentAsync();
        var report = new InventoryReport(
            [new ContainerSnapshot(
                new string('c', 64), name, $"registry.example/{name}:1.0", "sha256:" + new string('b', 64),
                [$"registry.example/{name}@{RunningDigest}"], "running", null,
                new Dictionary<string, string> { ["team"] = "blue", ["dockward.enable"] = "true" }, DateTimeOffset.UtcNow)],
            DateTimeOffset.UtcNow, "0.1.0-test", "27.0.0");
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential, JsonContent.Create(report));
        using var response = await controlPlane.Http.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return agent;
    }

    private static TableUpdateJobStore Jobs(ControlPlaneProcess controlPlane) =>
        new(new TableStorage(Options.Create(new StorageOptions { ConnectionString = controlPlane.ConnectionString, TablePrefix = controlPlane.TablePrefix })));
}
