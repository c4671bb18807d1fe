using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>The Bearer token flow against the real distribution registry in token-auth mode and the test token server.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class TokenRegistryTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);
    private readonly string repository = Servers.UniqueName("token") + "/app";
    private string pushed = null!;

    public async Task InitializeAsync() =>
        pushed = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Plain("1.0"));

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task An_anonymous_token_opens_the_token_registry_to_the_pushed_digest()
    {
        var pipeline = Pipeline();

        var lookup = await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(pushed, ManifestMediaTypes.DockerManifest));
        servers.TokenServer.RequestsFor(repository).ShouldBe(1);
        servers.TokenServer.SubjectFor(repository).ShouldBe("");
        pipeline.Requests.RegistryRequests.ShouldBe(2); // the challenge, then the request with the token
    }

    [Fact]
    public async Task Credentials_configured_for_the_registry_go_to_its_token_service_on_the_same_host()
    {
        var pipeline = Pipeline(new RegistryCredential { Host = servers.TokenRegistry.Host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword });

        var lookup = await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(pushed, ManifestMediaTypes.DockerManifest));
        servers.TokenServer.SubjectFor(repository).ShouldBe(Servers.RegistryUser);
    }

    [Fact]
    public async Task Many_lookups_of_one_repository_fetch_one_token_and_send_one_request_each_once_warm()
    {
        var pipeline = Pipeline();
        await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        var lookups = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None)));

        lookups.ShouldAllBe(l => l.Digest == pushed);
        servers.TokenServer.RequestsFor(repository).ShouldBe(1);
        pipeline.Requests.TokenRequests.ShouldBe(1);
        pipeline.Requests.RegistryRequests.ShouldBe(2 + 20);
    }

    [Fact]
    public async Task Concurrent_first_lookups_of_one_repository_share_one_token_fetch()
    {
        var pipeline = Pipeline();

        var lookups = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None)));

        lookups.ShouldAllBe(l => l.Digest == pushed);
        servers.TokenServer.RequestsFor(repository).ShouldBe(1);
    }

    [Fact]
    public async Task A_new_token_is_fetched_once_the_old_one_expires()
    {
        servers.TokenServer.SetLifetime(repository, 2);
        var pipeline = Pipeline();
        (await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None)).Digest.ShouldBe(pushed);
        (await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None)).Digest.ShouldBe(pushed);
        servers.TokenServer.RequestsFor(repository).ShouldBe(1);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var lookup = await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        lookup.Digest.ShouldBe(pushed);
        servers.TokenServer.RequestsFor(repository).ShouldBe(2);
        pipeline.Requests.RegistryRequests.ShouldBe(2 + 1 + 1); // the new token is fetched before the request, not after a 401
    }

    [Fact]
    public async Task A_tag_missing_from_the_token_registry_is_reported_as_not_found()
    {
        var image = Image("9.9");

        var lookup = await Pipeline().Client.GetDigestAsync(image, CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Failed($"{image} not found on {servers.TokenRegistry.Host}"));
    }

    [Fact]
    public async Task Wrong_credentials_at_the_token_service_fail_the_lookup_naming_the_registry()
    {
        var pipeline = Pipeline(new RegistryCredential { Host = servers.TokenRegistry.Host, Username = Servers.RegistryUser, Password = "not-the-password" });

        var lookup = await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldBe($"{servers.TokenRegistry.Host} refused access: the token service at 127.0.0.1:{servers.TokenServer.Port} refused the configured credentials (401)");
        lookup.Error!.ShouldNotContain("not-the-password");
        pipeline.Requests.TokenRequests.ShouldBe(1);

        // Once the registry is known to want tokens, a failing token service costs one token request per lookup.
        var again = await pipeline.Client.GetDigestAsync(Image("1.0"), CancellationToken.None);

        again.ShouldBe(lookup);
        pipeline.Requests.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task The_client_AddDetection_registers_follows_the_token_flow()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Detection:RequestTimeoutSeconds"] = "10" })
            .Build();
        var services = new ServiceCollection().AddDetection(configuration);
        services.AddSingleton(provider => RegistryClients.Credentials(backend.Connect(), provider.GetRequiredService<IOptions<DetectionOptions>>()));
        await using var provider = services.BuildServiceProvider();

        var lookup = await provider.GetRequiredService<RegistryClient>().GetDigestAsync(Image("1.0"), CancellationToken.None);
        var again = await provider.GetRequiredService<RegistryClient>().GetDigestAsync(Image("1.0"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(pushed, ManifestMediaTypes.DockerManifest));
        again.ShouldBe(DigestLookup.Found(pushed, ManifestMediaTypes.DockerManifest));
        var counter = provider.GetRequiredService<RegistryRequestCounter>();
        counter.TokenRequests.ShouldBe(1);
        counter.RegistryRequests.ShouldBe(3);
    }

    private ImageReference Image(string tag) => ImageReference.Parse($"{servers.TokenRegistry.Host}/{repository}:{tag}");

    private RegistryPipeline Pipeline(params RegistryCredential[] registries) =>
        RegistryClients.Pipeline(backend.Connect(), Options.Create(new DetectionOptions { Registries = [.. registries], RequestTimeoutSeconds = 10 }));
}
