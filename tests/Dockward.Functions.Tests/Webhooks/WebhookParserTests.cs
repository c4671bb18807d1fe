using System.Text.Json;
using Dockward.Core.Webhooks;

namespace Dockward.Functions.Tests.Webhooks;

/// <summary>Each parser against its provider's documented payload: the repository it names, what it ignores, what it refuses.</summary>
[Trait("Area", "Detection")]
public sealed class WebhookParserTests
{
    private static readonly Dictionary<string, string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string> PackageEvent = new(StringComparer.OrdinalIgnoreCase) { ["X-GitHub-Event"] = "package" };

    public static TheoryData<string, string, string> DocumentedPushes => new()
    {
        { "dockerhub", DocumentedPayloads.DockerHub(), "docker.io/svendowideit/testhook" },
        { "dockerhub", DocumentedPayloads.DockerHub("nginx"), "docker.io/library/nginx" },
        { "harbor", DocumentedPayloads.Harbor(), "hub.harbor.com/test-webhook/debian" },
        { "github", DocumentedPayloads.GitHubPackage("Octo-Org", "Hello-World"), "ghcr.io/octo-org/hello-world" },
        { "quay", DocumentedPayloads.Quay(), "quay.io/dgangaia/test" },
        { "quay", DocumentedPayloads.Quay(tags: """{"latest": "b750fe79269d2ec9a3c593ef05b4332b1d1a02a62b4accb2c21d589ff2f5f2dc"}"""), "quay.io/dgangaia/test" },
        { "acr", DocumentedPayloads.Acr(), "myregistry.azurecr.io/hello-world" },
        { "distribution", DocumentedPayloads.Distribution(), "192.168.100.227:5000/hello-world" },
        { "gitlab", DocumentedPayloads.Distribution(host: "registry.gitlab.com", repository: "group/project/app"), "registry.gitlab.com/group/project/app" },
        { "generic", DocumentedPayloads.Generic(), "registry.example.com/team/api" },
        { "generic", """{"images": ["registry.example.com/team/api:1", "registry.example.com/team/web@sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf"]}""", "registry.example.com/team/api,registry.example.com/team/web" },
    };

    public static TheoryData<string, string, string> DocumentedNonPushes => new()
    {
        { "dockerhub", DocumentedPayloads.DockerHub(tag: null), "not a tag push" },
        { "harbor", DocumentedPayloads.Harbor("PULL_ARTIFACT"), "PULL_ARTIFACT is not a push" },
        { "harbor", DocumentedPayloads.Harbor("DELETE_ARTIFACT"), "DELETE_ARTIFACT is not a push" },
        { "harbor", DocumentedPayloads.Harbor(tag: ""), "pushed by digest only" },
        { "github", DocumentedPayloads.GitHubPackage(tag: ""), "has no tag" },
        { "github", DocumentedPayloads.GitHubPackage(type: "npm"), "not a container image" },
        { "quay", DocumentedPayloads.Quay(tags: "[]"), "no tag was pushed" },
        { "quay", """{"build_id": "296ec063", "name": "test", "repository": "dgangaia/test", "namespace": "dgangaia", "docker_url": "quay.io/dgangaia/test", "docker_tags": ["latest"]}""", "not a repository push" },
        { "acr", DocumentedPayloads.Acr("delete"), "delete is not an image push" },
        { "acr", """{"id": "5d3e", "timestamp": "2017-11-17T16:52:01Z", "action": "ping"}""", "ping is not an image push" },
        { "distribution", DocumentedPayloads.Distribution("pull"), "none of the 1 events" },
        { "distribution", DocumentedPayloads.Distribution("delete"), "none of the 1 events" },
        { "distribution", DocumentedPayloads.Distribution(tag: null), "none of the 1 events" },
        { "distribution", DocumentedPayloads.Distribution(mediaType: "application/octet-stream"), "none of the 1 events" },
    };

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "dockerhub", """{"push_data": {"tag": "latest"}}""", "repository.repo_name is required" },
        { "dockerhub", """{"repository": {"repo_name": 42}, "push_data": {"tag": "latest"}}""", "repository.repo_name is required" },
        { "dockerhub", DocumentedPayloads.DockerHub("Not/Valid"), "invalid repository path" },
        { "harbor", """{"event_data": {}}""", "type is required" },
        { "harbor", """{"type": "PUSH_ARTIFACT", "event_data": {"resources": {}}}""", "event_data.resources must be an array" },
        { "harbor", DocumentedPayloads.Harbor(resourceUrl: "hub.harbor.com/UPPER/debian:latest"), "invalid repository path" },
        { "github", """{"action": "published"}""", "action and package are required" },
        { "quay", """{"updated_tags": ["latest"]}""", "docker_url is required" },
        { "quay", DocumentedPayloads.Quay(tags: "\"latest\""), "updated_tags must be a list" },
        { "acr", """{"action": "push", "target": {"tag": "v1"}}""", "target.repository and request.host are required" },
        { "acr", DocumentedPayloads.Acr(host: "bad host!"), "not an image reference" },
        { "distribution", """{"event": []}""", "events must be an array" },
        { "distribution", """[]""", "events must be an array" },
        { "generic", """{"image": "has spaces in it"}""", "not an image reference" },
        { "generic", """{"images": []}""", "images must hold 1 to 100" },
        { "generic", """{"images": [42]}""", "images must be a list of strings" },
        { "generic", """{"name": "x"}""", "the body must be" },
    };

    [Theory]
    [MemberData(nameof(DocumentedPushes))]
    public void A_documented_push_names_the_pushed_repository_without_its_tag(string provider, string body, string repositories)
    {
        var result = Parse(provider, body);

        result.Error.ShouldBeNull();
        result.Ignored.ShouldBeNull();
        string.Join(",", result.Repositories.Select(r => r.ToString())).ShouldBe(repositories);
    }

    [Theory]
    [MemberData(nameof(DocumentedNonPushes))]
    public void A_pull_a_delete_a_ping_or_a_push_without_a_tag_is_ignored_saying_why(string provider, string body, string reason)
    {
        var result = Parse(provider, body);

        result.Error.ShouldBeNull();
        result.Repositories.ShouldBeEmpty();
        result.Ignored.ShouldNotBeNull().ShouldContain(reason);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_payload_missing_fields_or_naming_an_invalid_image_is_refused_saying_what_is_wrong(string provider, string body, string error)
    {
        var result = Parse(provider, body);

        result.Repositories.ShouldBeEmpty();
        result.Error.ShouldNotBeNull().ShouldContain(error);
    }

    [Fact]
    public void A_github_ping_is_ignored_and_a_delivery_without_an_event_header_is_refused()
    {
        var parser = Providers().Find("github")!;
        using var document = JsonDocument.Parse("""{"zen": "Design for failure.", "hook_id": 1}""");

        var ping = parser.Parse(new WebhookDelivery(document.RootElement, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-GitHub-Event"] = "ping" }));
        var unnamed = parser.Parse(new WebhookDelivery(document.RootElement, NoHeaders));

        ping.Ignored.ShouldNotBeNull().ShouldContain("ping is not a package event");
        unnamed.Error.ShouldNotBeNull().ShouldContain("X-GitHub-Event");
    }

    [Fact]
    public void Gitlab_is_an_alias_of_the_distribution_parser_and_shares_its_secret()
    {
        var providers = Providers();

        providers.Find("gitlab").ShouldBeSameAs(providers.Find("distribution"));
        providers.Find("GitLab")!.Provider.ShouldBe("distribution");
        providers.Find("nexus").ShouldBeNull();
    }

    private static WebhookParseResult Parse(string provider, string body)
    {
        using var document = JsonDocument.Parse(body);
        return Providers().Find(provider)!.Parse(new WebhookDelivery(document.RootElement.Clone(), provider == "github" ? PackageEvent : NoHeaders));
    }

    private static WebhookProviders Providers() => new(
    [
        new DockerHubWebhookParser(), new HarborWebhookParser(), new GitHubWebhookParser(), new QuayWebhookParser(),
        new AcrWebhookParser(), new DistributionWebhookParser(), new GenericWebhookParser(),
    ]);
}
