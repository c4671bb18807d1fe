using System.Diagnostics;
using Dockward.Testing;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// The built control plane (<see cref="RepoPaths.FunctionsDll"/>, Release) as its own process on a free port, set up as
/// the functions tests set it up: <c>DOCKWARD_*</c> settings only, the test master key and first admin, and every timer
/// pushed out to 1 January, so only the API under test does work; agents count as online for a day. Its pid is kept
/// for its memory figures.
/// </summary>
internal sealed class ControlPlaneServer : IAsyncDisposable
{
    // Midnight on 1 January: far beyond any run, for every timer (the ones in main and the ones issue 7 adds).
    private const string Never = "0 0 0 1 1 *";

    private static readonly string[] Timers =
    [
        "ScanRegistries", "RequeueLostJobs", "ReleaseScheduledUpdates", "PruneSecurityRecords", "PruneCheckHistory",
        "AdvanceRollouts", "MarkOfflineAgents", "PruneEvents", "PruneStats",
    ];

    private const int TailLines = 200;

    private readonly Process process;
    private readonly Queue<string> tail = new();

    private ControlPlaneServer(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr), for a failure message.</summary>
    public string OutputTail
    {
        get
        {
            lock (tail)
            {
                return string.Join('\n', tail);
            }
        }
    }

    public static async Task<ControlPlaneServer> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in (string[])[RepoPaths.FunctionsDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOCKWARD_STORAGE__CONNECTIONSTRING"] = connectionString;
        info.Environment["DOCKWARD_STORAGE__TABLEPREFIX"] = "bench";
        info.Environment["DOCKWARD_SECURITY__MASTERKEY"] = TestSecurity.MasterKey;
        info.Environment["DOCKWARD_SECURITY__ADMINPASSWORD"] = TestSecurity.AdminPassword;
        // The agents are quiet while the list and the detail are timed (their heartbeats are the report phase); a day
        // keeps them online meanwhile, so their containers keep their states instead of turning unknown.
        info.Environment["DOCKWARD_AGENTS__OFFLINEAFTERSECONDS"] = "86400";
        foreach (var timer in Timers)
        {
            info.Environment[$"DOCKWARD_TIMERS__{timer.ToUpperInvariant()}"] = Never;
        }

        var process = new Process { StartInfo = info };
        var server = new ControlPlaneServer(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the control plane (dotnet " + RepoPaths.FunctionsDll + ")");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            await Wait.UntilAsync("the control plane to answer /health", TimeSpan.FromSeconds(60), async () =>
            {
                if (process.HasExited)
                {
                    return true;
                }

                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                return response.IsSuccessStatusCode;
            }, () => server.OutputTail);
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The control plane exited with {process.ExitCode}:\n{server.OutputTail}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public ProcessMemory Memory() => ProcessMemory.Read(process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }
}
