using Dockward.Core;
using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Providers;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>Which provider a registry gets, and the settings that choose one, checked at start.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class RegistryProvidersTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Theory]
    [InlineData("docker.io", "dockerhub")]
    [InlineData("registry-1.docker.io", "dockerhub")]
    [InlineData("ghcr.io", "ghcr")]
    [InlineData("quay.io", "quay")]
    [InlineData("registry.gitlab.com", "gitlab")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com", "ecr")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "ecr")]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", "ecr")]
    [InlineData("contoso.azurecr.io", "acr")]
    [InlineData("contoso.azurecr.cn", "acr")]
    [InlineData("registry.cn-hangzhou.aliyuncs.com", "aliyun")]
    [InlineData("registry-vpc.cn-shanghai.aliyuncs.com", "aliyun")]
    [InlineData("crpi-abc.cn-beijing.personal.cr.aliyuncs.com", "aliyun")]
    [InlineData("harbor.example.com", "generic")]
    [InlineData("registry.example.com:5000", "generic")]
    [InlineData("ghcr.io.example.com", "generic")]
    [InlineData("evil.azurecr.io.example.com", "generic")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com.example.com", "generic")]
    public void A_registry_host_gets_its_provider(string host, string provider)
    {
        Providers().For(host, null).Name.ShouldBe(provider);
    }

    [Fact]
    public void A_Provider_setting_names_a_self_hosted_product()
    {
        Providers().For("registry.example.com", "Harbor").Name.ShouldBe("harbor");
    }

    [Fact]
    public void An_unknown_Provider_setting_fails_start_with_the_key_s_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Detection:Registries:0:Host"] = "harbor.example.com",
            ["Detection:Registries:0:Provider"] = "harbour",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddDetection(configuration).BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<DetectionOptions>>().Value);

        failure.Message.ShouldContain("Detection:Registries:0:Provider must be one of acr, aliyun, dockerhub, ecr, generic, ghcr, gitlab, harbor, nexus, quay");
        failure.Message.ShouldContain("not 'harbour'");
    }

    [Theory]
    [InlineData("http://api.ecr.example.com/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("https://api.ecr.example.com/?x=1")]
    [InlineData("not a url")]
    public void An_ECR_endpoint_that_is_not_https_or_loopback_fails_start_with_the_key_s_name(string endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Detection:EcrEndpoint"] = endpoint }).Build();
        using var services = new ServiceCollection().AddLogging().AddDetection(configuration).BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<EcrOptions>>().Value);

        failure.Message.ShouldContain("Detection:EcrEndpoint must be an https:// address");
    }

    [Fact]
    public async Task A_settings_entry_without_a_user_gives_stored_credentials_its_provider()
    {
        var options = Options.Create(new DetectionOptions { Registries = [new() { Host = "harbor.example.com", Provider = "harbor" }] });
        var credentials = RegistryClients.Credentials(backend.Connect(), options);
        await credentials.SetAsync("harbor.example.com", "robot$ci", "secret", Actor.System, CancellationToken.None);

        var found = await credentials.FindAsync("harbor.example.com", CancellationToken.None);

        found.ShouldNotBeNull();
        found.Username.ShouldBe("robot$ci");
        found.Password.ShouldBe("secret");
        found.Provider.ShouldBe("harbor");
    }

    private static RegistryProviders Providers()
    {
        var options = Options.Create(new DetectionOptions());
        return RegistryClients.Providers(options, new(TimeProvider.System), new(), TimeProvider.System);
    }
}
