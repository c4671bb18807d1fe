namespace Dockward.Testing;

/// <summary>
/// Every server the tests need, started once per test assembly: the Docker engine (checked), Azurite,
/// an anonymous registry and an htpasswd registry serving the same storage.
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

    public async Task InitializeAsync()
    {
        await DockerHost.EnsureRunningAsync();
        Azurite = await AzuriteServer.StartAsync();
        Registry = await RegistryServer.StartAsync(storage);
        SecuredRegistry = await RegistryServer.StartAsync(storage, (RegistryUser, RegistryPassword));
    }

    /// <summary>A name no other test uses: for containers, images, networks, volumes and table prefixes.</summary>
    public static string UniqueName(string stem) => $"{stem}{Guid.NewGuid().ToString("N")[..8]}";

    public async Task DisposeAsync() => await DisposeAsyncCore();

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsyncCore();

    private async Task DisposeAsyncCore()
    {
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
