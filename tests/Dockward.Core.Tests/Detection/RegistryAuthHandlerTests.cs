using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>The Bearer flow's edge paths, against a scripted registry and token service.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryAuthHandlerTests(Servers servers) : IAsyncLifetime
{
    private const string Host = "registry.example.com";

    private readonly TableBackend backend = new(servers);
    private readonly ScriptedRegistry registry = new();
    private readonly ImageReference image = ImageReference.Parse($"{Host}/team/app:1.0");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        registry.Dispose();
        await backend.DisposeAsync();
    }

    [Fact]
    public async Task A_token_the_registry_refuses_midway_is_replaced_once_and_the_lookup_succeeds()
    {
        var pipeline = Pipeline();
        (await pipeline.Client.GetDigestAsync(image, CancellationToken.None)).Digest.ShouldBe(ScriptedRegistry.Digest);
        registry.Accepts = token => token != "t1"; // revoked

        var lookup = await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(ScriptedRegistry.Digest));
        registry.TokenRequests.Count().ShouldBe(2);
        registry.Seen.Select(r => r.Authorization).ShouldBe([null, null, "Bearer t1", "Bearer t1", null, "Bearer t2"]);
    }

    [Fact]
    public async Task Concurrent_first_requests_to_a_registry_collect_one_401_between_them()
    {
        var pipeline = Pipeline();
        var images = Enumerable.Range(1, 4).Select(i => ImageReference.Parse($"{Host}/team/app{i}:1.0")).ToList();

        var lookups = await Task.WhenAll(images.Select(i => pipeline.Client.GetDigestAsync(i, CancellationToken.None)));

        lookups.ShouldAllBe(l => l.Digest == ScriptedRegistry.Digest);
        registry.Seen.Count(r => r.Uri.AbsolutePath.StartsWith("/v2/", StringComparison.Ordinal) && r.Authorization is null)
            .ShouldBe(1, "one request learns the challenge; the rest carry a token at once");
        registry.RegistryRequests.ShouldBe(images.Count + 1);
    }

    [Fact]
    public async Task A_refused_cached_token_is_refreshed_once_and_then_the_refusal_stands()
    {
        var pipeline = Pipeline();
        await pipeline.Client.GetDigestAsync(image, CancellationToken.None);
        registry.Accepts = _ => false;

        var lookup = await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed($"{Host} refused access: it refused a freshly issued token"));
        registry.TokenRequests.Count().ShouldBe(2);
        registry.RegistryRequests.ShouldBe(2 + 2);
        pipeline.Requests.Total.ShouldBe(registry.Seen.Count);
    }

    [Fact]
    public async Task A_registry_that_refuses_every_token_gets_one_refresh_and_the_lookup_fails()
    {
        registry.Accepts = _ => false;
        var pipeline = Pipeline();

        var lookup = await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldStartWith($"{Host} refused access");
        registry.Seen.Select(r => r.Authorization).ShouldBe([null, null, "Bearer t1", null, "Bearer t2"]);
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_a_token_realm_on_another_host()
    {
        registry.Realm = "https://tokens.elsewhere.example/token";
        var pipeline = Pipeline(new RegistryCredential { Host = Host, Username = "alice", Password = "alice-pw" });

        var lookup = await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBe(ScriptedRegistry.Digest);
        var token = registry.TokenRequests.ShouldHaveSingleItem();
        token.Uri.Host.ShouldBe("tokens.elsewhere.example");
        token.Authorization.ShouldBeNull();
    }

    [Fact]
    public async Task Credentials_go_to_a_token_realm_on_the_registry_host()
    {
        var pipeline = Pipeline(new RegistryCredential { Host = Host, Username = "alice", Password = "alice-pw" });

        await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        var token = registry.TokenRequests.ShouldHaveSingleItem();
        token.Authorization.ShouldNotBeNull().ShouldStartWith("Basic ");
        token.Uri.Query.ShouldBe("?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull");
    }

    [Fact]
    public async Task Credentials_go_to_a_token_realm_the_settings_trust_for_that_registry()
    {
        registry.Realm = "https://tokens.elsewhere.example/token";
        var pipeline = Pipeline(
            [new RegistryCredential { Host = Host, Username = "alice", Password = "alice-pw" }],
            [new TokenRealmTrust { Registry = Host, RealmHost = "tokens.elsewhere.example" }]);

        await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        registry.TokenRequests.ShouldHaveSingleItem().Authorization.ShouldNotBeNull().ShouldStartWith("Basic ");
    }

    [Fact]
    public async Task Docker_Hub_credentials_go_to_auth_docker_io()
    {
        registry.Realm = "https://auth.docker.io/token";
        var pipeline = Pipeline(new RegistryCredential { Host = "docker.io", Username = "alice", Password = "alice-pw" });

        var lookup = await pipeline.Client.GetDigestAsync(ImageReference.Parse("nginx:1.27"), CancellationToken.None);

        lookup.Digest.ShouldBe(ScriptedRegistry.Digest);
        registry.Seen.First().Uri.ShouldBe(new Uri("https://registry-1.docker.io/v2/library/nginx/manifests/1.27"));
        registry.TokenRequests.ShouldHaveSingleItem().Authorization.ShouldNotBeNull().ShouldStartWith("Basic ");
    }

    [Fact]
    public async Task A_plain_http_realm_is_refused_for_an_https_registry()
    {
        registry.Realm = "http://registry.example.com/token";
        var pipeline = Pipeline(new RegistryCredential { Host = Host, Username = "alice", Password = "alice-pw" });

        var lookup = await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed($"{Host} refused access: the token realm http://registry.example.com/token is not HTTPS"));
        registry.TokenRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_answer_without_expires_in_is_used_for_60_seconds_and_access_token_is_read()
    {
        registry.TokenAnswer = n => $$"""{"access_token":"t{{n}}"}""";
        var clock = new ManualClock();
        var pipeline = Pipeline([], [], clock);
        await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        clock.Now += TimeSpan.FromSeconds(50);
        await pipeline.Client.GetDigestAsync(image, CancellationToken.None);
        registry.TokenRequests.Count().ShouldBe(1);

        clock.Now += TimeSpan.FromSeconds(11);
        var lookup = await pipeline.Client.GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBe(ScriptedRegistry.Digest);
        registry.TokenRequests.Count().ShouldBe(2);
        registry.Seen.Last().Authorization.ShouldBe("Bearer t2");
    }

    [Fact]
    public async Task An_oversized_token_answer_fails_the_lookup()
    {
        registry.TokenAnswer = _ => $$"""{"token":"{{new string('x', RegistryTokenClient.MaxResponseBytes)}}"}""";

        var lookup = await Pipeline().Client.GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldBe($"{Host} refused access: the token service at {Host} sent more than {RegistryTokenClient.MaxResponseBytes} bytes");
    }

    [Fact]
    public async Task A_token_answer_without_a_token_fails_the_lookup()
    {
        registry.TokenAnswer = _ => """{"expires_in":300}""";

        var lookup = await Pipeline().Client.GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed($"{Host} refused access: the token service at {Host} sent no token"));
    }

    private RegistryPipeline Pipeline(params RegistryCredential[] registries) => Pipeline(registries, []);

    private RegistryPipeline Pipeline(RegistryCredential[] registries, TokenRealmTrust[] realms, TimeProvider? time = null)
    {
        // Every host named here has settings, so no lookup falls through to stored credentials.
        RegistryCredential[] all = [.. registries, .. new[] { Host, "docker.io" }.Where(h => registries.All(r => r.Host != h)).Select(h => new RegistryCredential { Host = h })];
        var options = Options.Create(new DetectionOptions { Registries = [.. all], TokenRealms = [.. realms], RequestTimeoutSeconds = 10 });
        return RegistryClients.Pipeline(backend.Connect(), options, registry, time);
    }
}
