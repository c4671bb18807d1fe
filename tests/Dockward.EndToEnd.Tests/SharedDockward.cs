using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// One Dockward (control plane and agent) shared by the rows of a test class, started by the first row that
/// asks: rows restart the agent as they need instead of paying for a whole new instance each.
/// </summary>
public sealed class SharedDockward : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DockwardInstance? instance;

    internal async Task<DockwardInstance> GetAsync(Servers servers)
    {
        await gate.WaitAsync();
        try
        {
            return instance ??= await DockwardInstance.StartAsync(servers, Servers.UniqueName("shared"));
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (instance is not null)
        {
            await instance.DisposeAsync();
        }

        gate.Dispose();
    }
}
