using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryClientTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);
    private readonly string repository = Servers.UniqueName("client") + "/app";
    private string pushed = null!;

    public async Task InitializeAsync() =>
        pushed = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Plain("1.0"));

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task Returns_the_digest_the_push_produced()
    {
        var lookup = await Client().GetDigestAsync(Image(servers.Registry, "1.0"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(pushed, ManifestMediaTypes.DockerManifest));
    }

    [Fact]
    public async Task Follows_the_tag_when_a_new_version_is_pushed()
    {
        var client = Client();
        var newer = await TestImages.PushAsync(servers.Registry, repository, "1.0", TestImage.Plain("1.1"));

        var lookup = await client.GetDigestAsync(Image(servers.Registry, "1.0"), CancellationToken.None);

        newer.ShouldNotBe(pushed);
        lookup.Digest.ShouldBe(newer);
    }

    [Fact]
    public async Task An_unknown_tag_is_reported_as_not_found()
    {
        var image = Image(servers.Registry, "2.0");

        var lookup = await Client().GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldBe($"{image} not found on {servers.Registry.Host}");
    }

    [Fact]
    public async Task An_unknown_repository_is_reported_as_not_found()
    {
        var image = ImageReference.Parse($"{servers.Registry.Host}/{Servers.UniqueName("nobody")}/app:1.0");

        var lookup = await Client().GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldContain("not found");
    }

    [Fact]
    public async Task A_digest_only_reference_has_no_tag_to_look_up()
    {
        var lookup = await Client().GetDigestAsync(ImageReference.Parse($"{servers.Registry.Host}/{repository}@{pushed}"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldContain("no tag");
    }

    [Fact]
    public async Task The_configured_credentials_open_a_registry_with_basic_auth()
    {
        var client = Client(new RegistryCredential { Host = servers.SecuredRegistry.Host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword });

        var lookup = await client.GetDigestAsync(Image(servers.SecuredRegistry, "1.0"), CancellationToken.None);

        lookup.ShouldBe(DigestLookup.Found(pushed, ManifestMediaTypes.DockerManifest));
    }

    [Fact]
    public async Task Credentials_match_the_registry_host_case_insensitively()
    {
        var host = servers.SecuredRegistry.Host.Replace("127.0.0.1", "LOCALHOST", StringComparison.Ordinal);
        var client = Client(new RegistryCredential { Host = host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword });

        var lookup = await client.GetDigestAsync(ImageReference.Parse($"localhost:{servers.SecuredRegistry.Port}/{repository}:1.0"), CancellationToken.None);

        lookup.Digest.ShouldBe(pushed);
    }

    [Fact]
    public async Task Without_credentials_a_basic_auth_registry_is_reported_as_requiring_them()
    {
        var lookup = await Client().GetDigestAsync(Image(servers.SecuredRegistry, "1.0"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldBe($"{servers.SecuredRegistry.Host} requires credentials (none configured for it)");
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_refused_without_echoing_it()
    {
        var client = Client(new RegistryCredential { Host = servers.SecuredRegistry.Host, Username = Servers.RegistryUser, Password = "not-the-password" });

        var lookup = await client.GetDigestAsync(Image(servers.SecuredRegistry, "1.0"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldBe($"{servers.SecuredRegistry.Host} refused the configured credentials (401)");
        lookup.Error!.ShouldNotContain("not-the-password");
    }

    [Fact]
    public async Task Credentials_of_another_registry_are_not_sent()
    {
        var client = Client(new RegistryCredential { Host = servers.Registry.Host, Username = Servers.RegistryUser, Password = Servers.RegistryPassword });

        var lookup = await client.GetDigestAsync(Image(servers.SecuredRegistry, "1.0"), CancellationToken.None);

        lookup.Error.ShouldNotBeNull().ShouldContain("requires credentials");
    }

    [Fact]
    public async Task A_registry_nobody_listens_on_is_reported_as_unreachable()
    {
        var host = $"127.0.0.1:{FreePort.Next()}";

        var lookup = await Client().GetDigestAsync(ImageReference.Parse($"{host}/{repository}:1.0"), CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldStartWith($"{host} unreachable");
    }

    private ImageReference Image(RegistryServer registry, string tag) => ImageReference.Parse($"{registry.Host}/{repository}:{tag}");

    [Fact]
    [Trait("Area", "Security")]
    public async Task Credentials_stored_encrypted_through_the_api_open_a_private_registry()
    {
        var image = Image(servers.SecuredRegistry, "1.0");
        var options = Options.Create(new DetectionOptions { RequestTimeoutSeconds = 10 });
        var credentials = RegistryClients.Credentials(backend.Connect(), options);
        await credentials.SetAsync(servers.SecuredRegistry.Host, Servers.RegistryUser, Servers.RegistryPassword, Actor.System, CancellationToken.None);

        var lookup = await RegistryClients.Create(backend.Connect(), options).GetDigestAsync(image, CancellationToken.None);

        lookup.Error.ShouldBeNull();
        lookup.Digest.ShouldStartWith("sha256:");
        var stored = await new TableRegistryStore(backend.Connect()).GetAsync(servers.SecuredRegistry.Host, CancellationToken.None);
        stored!.PasswordCipher.ShouldNotContain(Servers.RegistryPassword);
        stored.PasswordCipher.ShouldStartWith("dw1.");
    }

    [Fact]
    [Trait("Area", "Security")]
    public async Task A_tampered_stored_password_fails_the_check_with_the_reason_and_is_never_sent()
    {
        var image = Image(servers.SecuredRegistry, "1.0");
        var options = Options.Create(new DetectionOptions { RequestTimeoutSeconds = 10 });
        await RegistryClients.Credentials(backend.Connect(), options)
            .SetAsync(servers.SecuredRegistry.Host, Servers.RegistryUser, Servers.RegistryPassword, Actor.System, CancellationToken.None);
        var store = new TableRegistryStore(backend.Connect());
        var stored = await store.GetAsync(servers.SecuredRegistry.Host, CancellationToken.None);
        var cipher = stored!.PasswordCipher.ToCharArray();
        cipher[^3] = cipher[^3] == 'A' ? 'B' : 'A';
        await store.UpdateAsync(stored with { PasswordCipher = new string(cipher) }, CancellationToken.None);

        var lookup = await RegistryClients.Create(backend.Connect(), options).GetDigestAsync(image, CancellationToken.None);

        lookup.Digest.ShouldBeNull();
        lookup.Error.ShouldNotBeNull().ShouldContain("cannot be decrypted");
    }

    private RegistryClient Client(params RegistryCredential[] registries) =>
        RegistryClients.Create(backend.Connect(), Options.Create(new DetectionOptions { Registries = [.. registries], RequestTimeoutSeconds = 10 }));
}
