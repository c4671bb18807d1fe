namespace Dockward.Testing;

/// <summary>
/// Every server the tests need, started once per test assembly: the Docker engine (checked), Azurite,
/// an anonymous registry, an htpasswd registry and a token-auth registry (with its token server) serving the same storage.
/// </summary>
public sealed class Servers : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public const string RegistryUser = "dockward";
    public const string RegistryPassword = "s3cret-registry-pw";

    private readonly string storage = Directory.CreateTempSubdirectory("dockward-registry-data-").FullName;

    public AzuriteServer Azurite { get; private set; } = null!;

    /// <summary>Anonymous: tests push here.</summary>
    public RegistryServer Registry { get; private set; } = null!;

    /// <summary>Basic auth over the same images as <see cref="Registry"/>.</summary>
    public RegistryServer SecuredRegistry { get; private set; } = null!;

    /// <summary>Issues bearer tokens for <see cref="TokenRegistry"/>; Basic credentials <see cref="RegistryUser"/>/<see cref="RegistryPassword"/>, or anonymous.</summary>
    public TokenServer TokenServer { get; private set; } = null!;

    /// <summary>Token auth (the Docker Hub / Harbor flow) over the same images as <see cref="Registry"/>.</summary>
    public RegistryServer TokenRegistry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await DockerHost.EnsureRunningAsync();
        Azurite = await AzuriteServer.StartAsync();
        Registry = await RegistryServer.StartAsync(storage);
        SecuredRegistry = await RegistryServer.StartAsync(storage, (RegistryUser, RegistryPassword));
        TokenServer = await TokenServer.StartAsync(RegistryUser, RegistryPassword);
        TokenRegistry = await RegistryServer.StartAsync(storage, tokenAuth: TokenServer);
    }

    /// <summary>A name no other test uses: for containers, images, networks, volumes and table prefixes.</summary>
    public static string UniqueName(string stem) => $"{stem}{Guid.NewGuid().ToString("N")[..8]}";

    public async Task DisposeAsync() => await DisposeAsyncCore();

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsyncCore();

    private async Task DisposeAsyncCore()
    {
        if (TokenRegistry is not null)
        {
            await TokenRegistry.DisposeAsync();
        }

        if (TokenServer is not null)
        {
            await TokenServer.DisposeAsync();
        }

        if (SecuredRegistry is not null)
        {
            await SecuredRegistry.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        Directory.Delete(storage, recursive: true);
    }
}
