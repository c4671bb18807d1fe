using Dockward.Testing;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// Real distribution registries over one storage folder: an anonymous one (pushed to) and, when asked for, a
/// token-auth one with its token server, serving the same images. The servers the tests use (Dockward.Testing).
/// </summary>
internal sealed class BenchmarkRegistries : IAsyncDisposable
{
    public const string User = "bench";
    public const string Password = "bench-registry-pw";

    private readonly string storage;

    private BenchmarkRegistries(string storage)
    {
        this.storage = storage;
    }

    public RegistryServer Anonymous { get; private set; } = null!;

    public TokenServer? TokenServer { get; private set; }

    public RegistryServer? TokenRegistry { get; private set; }

    public static async Task<BenchmarkRegistries> StartAsync(bool withTokenAuth)
    {
        var registries = new BenchmarkRegistries(Directory.CreateTempSubdirectory("dockward-bench-registry-").FullName);
        try
        {
            registries.Anonymous = await RegistryServer.StartAsync(registries.storage);
            if (withTokenAuth)
            {
                registries.TokenServer = await TokenServer.StartAsync(User, Password);
                registries.TokenRegistry = await RegistryServer.StartAsync(registries.storage, tokenAuth: registries.TokenServer);
            }

            return registries;
        }
        catch
        {
            await registries.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (TokenRegistry is not null)
        {
            await TokenRegistry.DisposeAsync();
        }

        if (TokenServer is not null)
        {
            await TokenServer.DisposeAsync();
        }

        if (Anonymous is not null)
        {
            await Anonymous.DisposeAsync();
        }

        Directory.Delete(storage, recursive: true);
    }
}
