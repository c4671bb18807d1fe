using System.Net;
using Dockward.Core.Detection;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>
/// Docker Hub's rate limit, replayed: every answer carries <c>ratelimit-limit</c> / <c>ratelimit-remaining</c> in the
/// form <c>100;w=21600</c>, and a pull past the limit gets 429 (docs.docker.com/docker-hub/usage/pulls/, "View pull
/// rate and limit"). While a pause lasts, a check fails at once, says until when, and sends nothing.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class DockerHubRateLimitTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);
    private readonly ManualClock clock = new();
    private readonly ImageReference nginx = ImageReference.Parse("nginx:1.27");

    private readonly ReplayedRegistry hub = new()
    {
        Challenge = """Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:{repository}:pull" """,
        Realm = new Uri("https://auth.docker.io/token"),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        hub.Dispose();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task A_429_with_Retry_After_pauses_Docker_Hub_until_then_and_nothing_is_sent_meanwhile()
    {
        var client = Client();
        hub.AuthorisedAnswer = () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromHours(1)) } };

        var refused = await client.GetDigestAsync(nginx, CancellationToken.None);
        var sent = hub.Seen.Count;
        clock.Now += TimeSpan.FromMinutes(59);
        var paused = await client.GetDigestAsync(nginx, CancellationToken.None);

        var expected = DigestLookup.Failed(
            "docker.io is rate limiting: no requests to registry-1.docker.io until 2026-11-01 13:00:00Z, as Docker Hub's pull rate limit is reached (429)");
        refused.ShouldBe(expected);
        paused.ShouldBe(expected);
        hub.Seen.Count.ShouldBe(sent);

        hub.AuthorisedAnswer = null;
        clock.Now += TimeSpan.FromMinutes(1);
        (await client.GetDigestAsync(nginx, CancellationToken.None)).Digest.ShouldBe(ReplayedRegistry.Digest);
    }

    [Fact]
    public async Task Remaining_0_lets_the_answer_through_then_pauses_Docker_Hub_for_the_window()
    {
        var client = Client();
        hub.AnswerHeaders["ratelimit-limit"] = "100;w=21600";
        hub.AnswerHeaders["ratelimit-remaining"] = "0;w=21600";

        var last = await client.GetDigestAsync(nginx, CancellationToken.None);
        var sent = hub.Seen.Count;
        var paused = await client.GetDigestAsync(nginx, CancellationToken.None);

        last.Digest.ShouldBe(ReplayedRegistry.Digest);
        paused.ShouldBe(DigestLookup.Failed(
            "docker.io is rate limiting: no requests to registry-1.docker.io until 2026-11-01 18:00:00Z, as Docker Hub's pull rate limit is used up (ratelimit-remaining 0)"));
        hub.Seen.Count.ShouldBe(sent);
        hub.RegistryRequests.ShouldAllBe(r => r.Method == HttpMethod.Head);

        hub.AnswerHeaders["ratelimit-remaining"] = "100;w=21600";
        clock.Now += TimeSpan.FromHours(6);
        (await client.GetDigestAsync(nginx, CancellationToken.None)).Digest.ShouldBe(ReplayedRegistry.Digest);
    }

    [Theory]
    [InlineData("76;w=21600")]
    [InlineData("0")]
    [InlineData("none;w=21600")]
    [InlineData("0;w=-5")]
    public async Task Remaining_above_0_or_a_malformed_header_never_pauses(string remaining)
    {
        var client = Client();
        hub.AnswerHeaders["ratelimit-remaining"] = remaining;

        var first = await client.GetDigestAsync(nginx, CancellationToken.None);
        var second = await client.GetDigestAsync(nginx, CancellationToken.None);

        first.Digest.ShouldBe(ReplayedRegistry.Digest);
        second.Digest.ShouldBe(ReplayedRegistry.Digest);
        hub.RegistryRequests.Count().ShouldBe(3); // challenge, then with the token; then the token up front
    }

    [Fact]
    public async Task Any_registry_s_429_with_Retry_After_pauses_it_too()
    {
        using var registry = new ReplayedRegistry
        {
            Challenge = """Bearer realm="https://registry.example.com/token",service="registry.example.com" """,
            Realm = new Uri("https://registry.example.com/token"),
            AuthorisedAnswer = () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(90)) } },
        };
        var client = Client(registry, "registry.example.com");
        var image = ImageReference.Parse("registry.example.com/team/app:1");

        await client.GetDigestAsync(image, CancellationToken.None);
        var sent = registry.Seen.Count;
        var paused = await client.GetDigestAsync(image, CancellationToken.None);

        paused.ShouldBe(DigestLookup.Failed(
            "registry.example.com is rate limiting: no requests to registry.example.com until 2026-11-01 12:01:30Z, as the registry answered 429 Too Many Requests"));
        registry.Seen.Count.ShouldBe(sent);
    }

    private RegistryClient Client() => Client(hub, "docker.io");

    private RegistryClient Client(ReplayedRegistry registry, string host)
    {
        var options = Options.Create(new DetectionOptions { Registries = [new() { Host = host }], RequestTimeoutSeconds = 10 });
        return RegistryClients.Pipeline(backend.Connect(), options, registry, clock).Client;
    }
}
