using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Webhooks;

[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class ReceiveWebhookFunctionTests(Servers servers)
{
    public static TheoryData<string> Providers => new() { "dockerhub", "harbor", "github", "quay", "acr", "distribution", "gitlab", "generic" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_documented_push_is_answered_202_and_runs_one_check_of_the_pushed_repository(string provider)
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, provider);
        var (body, repository) = Push(provider, Servers.UniqueName("app-"));

        using var response = await WebhookCalls.DeliverAsync(controlPlane, provider, body);

        var answer = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, answer);
        var receipt = JsonDocument.Parse(answer).RootElement;
        receipt.GetProperty("status").GetString().ShouldBe("queued");
        receipt.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()).ShouldBe([repository]);
        var checks = await WebhookCalls.WaitForCheckAsync(controlPlane, repository);
        checks.Count.ShouldBe(1);
        checks[0].GetProperty("actor").GetString().ShouldBe($"webhook:{(provider == "gitlab" ? "distribution" : provider)}");
        controlPlane.Output.Contains(WebhookCalls.Secret, StringComparison.Ordinal).ShouldBeFalse("the secret (also in ?token= URLs) is never logged");
    }

    [Fact]
    public async Task A_delivery_with_a_wrong_or_missing_secret_or_signature_is_refused_with_401_and_queues_nothing()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        foreach (var provider in new[] { "dockerhub", "harbor", "github", "generic" })
        {
            await WebhookCalls.SetSecretAsync(controlPlane, provider);
        }

        var repository = Servers.UniqueName("app-");
        var refused = new List<HttpResponseMessage>
        {
            await WebhookCalls.DeliverAsync(controlPlane, "dockerhub", Push("dockerhub", repository).Body, secret: "wrong-secret-0123456789"),
            await WebhookCalls.DeliverAsync(controlPlane, "dockerhub", Push("dockerhub", repository).Body, secret: null),
            await WebhookCalls.DeliverAsync(controlPlane, "harbor", Push("harbor", repository).Body, secret: WebhookCalls.Secret + "x"),
            await WebhookCalls.DeliverAsync(controlPlane, "github", Push("github", repository).Body, secret: "wrong-secret-0123456789"),
            await WebhookCalls.DeliverAsync(controlPlane, "generic", Push("generic", repository).Body, secret: null),
        };

        foreach (var response in refused)
        {
            using (response)
            {
                await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
            }
        }

        foreach (var provider in new[] { "dockerhub", "harbor", "github", "generic" })
        {
            await WebhookCalls.ShouldHaveQueuedNothingAsync(controlPlane, Push(provider, repository).Repository);
        }
    }

    [Fact]
    public async Task A_signed_delivery_that_carries_stray_dashboard_cookies_is_not_refused_by_the_csrf_check()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, "generic");
        var (body, repository) = Push("generic", Servers.UniqueName("app-"));
        var bytes = Encoding.UTF8.GetBytes(body);
        var cookies = $"{Dockward.Functions.Security.AuthCookies.Access}=stale; {Dockward.Functions.Security.AuthCookies.Csrf}=stale";

        using var webhook = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/webhooks/generic", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        webhook.Headers.Add("Cookie", cookies);
        webhook.Headers.Add(Dockward.Core.Webhooks.WebhookAuthenticator.DockwardSignatureHeader, Dockward.Core.Webhooks.WebhookAuthenticator.Sign(WebhookCalls.Secret, bytes));
        using var accepted = await controlPlane.Http.SendAsync(webhook);
        using var other = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/checks", UriKind.Relative));
        other.Headers.Add("Cookie", cookies);
        using var refused = await controlPlane.Http.SendAsync(other);

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        (await ProblemJson.ReadAsync(refused, HttpStatusCode.Forbidden)).GetProperty("title").GetString().ShouldBe("CSRF check failed");
        await WebhookCalls.WaitForCheckAsync(controlPlane, repository);
    }

    [Fact]
    public async Task A_provider_without_a_secret_and_an_unknown_provider_answer_404_and_queue_nothing()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        var (body, repository) = Push("generic", Servers.UniqueName("app-"));

        using var disabled = await WebhookCalls.DeliverAsync(controlPlane, "generic", body);
        using var unknown = await WebhookCalls.DeliverAsync(controlPlane, "nexus", body);

        (await ProblemJson.ReadAsync(disabled, HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("PUT /api/webhooks/generic");
        (await ProblemJson.ReadAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("No webhook provider 'nexus'");
        await WebhookCalls.ShouldHaveQueuedNothingAsync(controlPlane, repository);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_refused_with_413_with_or_without_a_content_length()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, "distribution");
        var repository = Servers.UniqueName("app-");
        // A valid envelope padded past the limit: refused for its size alone.
        var padded = Push("distribution", repository).Body.TrimEnd().TrimEnd('}') + $", \"padding\": \"{new string('x', 1024 * 1024)}\"}}";

        using var withLength = await SendAsync(controlPlane, padded, chunked: false);
        using var chunked = await SendAsync(controlPlane, padded, chunked: true);

        await ProblemJson.ReadAsync(withLength, HttpStatusCode.RequestEntityTooLarge);
        await ProblemJson.ReadAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        await WebhookCalls.ShouldHaveQueuedNothingAsync(controlPlane, $"192.168.100.227:5000/{repository}");
    }

    [Theory]
    [InlineData("distribution", """{"events": [""", "The body is not JSON")]
    [InlineData("distribution", "", "The body is not JSON")]
    [InlineData("distribution", """{"events": [{"action": "push", "target": {"tag": "1", "mediaType": "application/vnd.oci.image.manifest.v1+json"}}]}""", "events[].target.repository and events[].request.host are required")]
    [InlineData("acr", """{"action": "push", "target": {"repository": "UPPER/case", "tag": "1"}, "request": {"host": "x.azurecr.io"}}""", "invalid repository path")]
    [InlineData("generic", """{"image": "NOT A REF"}""", "not an image reference")]
    public async Task A_malformed_body_or_an_invalid_image_name_is_refused_with_400_naming_the_problem(string provider, string body, string detail)
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, provider);

        using var response = await WebhookCalls.DeliverAsync(controlPlane, provider, body);

        (await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(detail);
        (await WebhookCalls.HintPendingAsync(controlPlane, repository: null)).ShouldBeFalse();
    }

    [Fact]
    public async Task Pulls_deletes_and_pings_are_answered_202_ignored_saying_why_and_run_no_check()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        foreach (var provider in new[] { "harbor", "acr", "distribution", "github" })
        {
            await WebhookCalls.SetSecretAsync(controlPlane, provider);
        }

        var name = Servers.UniqueName("app-");
        var deliveries = new (string Provider, string Body, string Why, string Repository)[]
        {
            ("harbor", DocumentedPayloads.Harbor("PULL_ARTIFACT", $"hub.harbor.com/test-webhook/{name}:latest"), "PULL_ARTIFACT is not a push", $"hub.harbor.com/test-webhook/{name}"),
            ("acr", DocumentedPayloads.Acr("delete", repository: name), "delete is not an image push", $"myregistry.azurecr.io/{name}"),
            ("distribution", DocumentedPayloads.Distribution("pull", repository: name), "pulls, layer uploads, deletes", $"192.168.100.227:5000/{name}"),
        };

        foreach (var (provider, body, why, _) in deliveries)
        {
            using var response = await WebhookCalls.DeliverAsync(controlPlane, provider, body);
            var answer = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, answer);
            var receipt = JsonDocument.Parse(answer).RootElement;
            receipt.GetProperty("status").GetString().ShouldBe("ignored");
            receipt.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain(why);
        }

        using (var ping = await WebhookCalls.DeliverAsync(controlPlane, "github", """{"zen": "Keep it logically awesome.", "hook_id": 1}""", gitHubEvent: "ping"))
        {
            ping.StatusCode.ShouldBe(HttpStatusCode.Accepted, await ping.Content.ReadAsStringAsync());
        }

        foreach (var (_, _, _, repository) in deliveries)
        {
            await WebhookCalls.ShouldHaveQueuedNothingAsync(controlPlane, repository);
        }
    }

    [Fact]
    public async Task Deliveries_for_one_repository_within_the_debounce_window_give_one_check()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, "distribution");
        var name = Servers.UniqueName("app-");
        var (body, repository) = Push("distribution", name);
        // The same push seen three times (a tag per platform, a retry), and one for another tag of the repository.
        var tagged = DocumentedPayloads.Distribution(repository: name, tag: "2.0");

        var responses = await Task.WhenAll(
            WebhookCalls.DeliverAsync(controlPlane, "distribution", body),
            WebhookCalls.DeliverAsync(controlPlane, "distribution", body),
            WebhookCalls.DeliverAsync(controlPlane, "distribution", body),
            WebhookCalls.DeliverAsync(controlPlane, "distribution", tagged));

        foreach (var response in responses)
        {
            using (response)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
            }
        }

        await WebhookCalls.WaitForCheckAsync(controlPlane, repository);
        // Past another debounce and sweep: a second hint would have been checked by now.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await WebhookCalls.ChecksAsync(controlPlane, repository)).Count.ShouldBe(1);
    }

    /// <summary>A push of <paramref name="name"/> in <paramref name="provider"/>'s documented shape, and the repository it names.</summary>
    internal static (string Body, string Repository) Push(string provider, string name) => provider switch
    {
        "dockerhub" => (DocumentedPayloads.DockerHub($"svendowideit/{name}"), $"docker.io/svendowideit/{name}"),
        "harbor" => (DocumentedPayloads.Harbor(resourceUrl: $"hub.harbor.com/test-webhook/{name}:latest"), $"hub.harbor.com/test-webhook/{name}"),
        "github" => (DocumentedPayloads.GitHubPackage(name: name), $"ghcr.io/octo-org/{name}"),
        "quay" => (DocumentedPayloads.Quay($"quay.io/dgangaia/{name}"), $"quay.io/dgangaia/{name}"),
        "acr" => (DocumentedPayloads.Acr(repository: name), $"myregistry.azurecr.io/{name}"),
        "distribution" => (DocumentedPayloads.Distribution(repository: name), $"192.168.100.227:5000/{name}"),
        "gitlab" => (DocumentedPayloads.Distribution(host: "registry.gitlab.com", repository: $"group/project/{name}"), $"registry.gitlab.com/group/project/{name}"),
        "generic" => (DocumentedPayloads.Generic($"registry.example.com/team/{name}:1.4.2"), $"registry.example.com/team/{name}"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static async Task<HttpResponseMessage> SendAsync(ControlPlaneProcess controlPlane, string body, bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/webhooks/distribution", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WebhookCalls.Secret);
        request.Headers.TransferEncodingChunked = chunked;
        return await controlPlane.Http.SendAsync(request);
    }
}
