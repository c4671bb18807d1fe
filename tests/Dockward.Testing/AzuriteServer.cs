using System.Net.Sockets;

namespace Dockward.Testing;

/// <summary>A real Azurite table service (from tests/servers, installed by scripts/test) on a free loopback port, in memory.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account (public, documented by Microsoft).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ServerProcess process;

    private AzuriteServer(ServerProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync()
    {
        var binary = Path.Combine(RepoPaths.Root, "tests", "servers", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"Azurite is not installed at {binary}; scripts/test installs it (npm ci in tests/servers).");
        }

        var port = FreePort.Next();
        var process = ServerProcess.Start(binary, ["--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent", "--tableHost", "127.0.0.1", "--tablePort", port.ToString()]);
        var server = new AzuriteServer(process, port);
        await Wait.UntilAsync("Azurite to listen", TimeSpan.FromSeconds(30), async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("Azurite exited: " + process.Output);
            }

            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }, () => process.Output);
        return server;
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
