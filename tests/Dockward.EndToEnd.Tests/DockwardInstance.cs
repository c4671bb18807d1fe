using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// Dockward as it runs in production: the built control plane and agent as separate processes, on the
/// real Azurite, registry and Docker engine, talking over HTTP. The timer is pushed far out so the test
/// triggers checks by hand; everything else is the production path.
/// </summary>
internal sealed class DockwardInstance : IAsyncDisposable
{
    private readonly Servers servers;
    private readonly int port;
    private readonly IReadOnlyDictionary<string, string?> controlPlaneEnvironment;
    private ServerProcess? agent;
    private ServerProcess controlPlane;
    private Dictionary<string, string?> agentEnvironment = null!;
    private string previousAgentOutput = "";

    private DockwardInstance(Servers servers, int port, IReadOnlyDictionary<string, string?> controlPlaneEnvironment, string prefix)
    {
        this.servers = servers;
        this.port = port;
        this.controlPlaneEnvironment = controlPlaneEnvironment;
        controlPlane = StartControlPlane(prefix);
        Anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client signed in as the first admin.</summary>
    public HttpClient Http { get; private set; } = null!;

    public string AgentLog => agent?.Output ?? "";

    /// <summary>The agent's data directory: its identity and its journal.</summary>
    public string AgentDataDirectory => agentEnvironment["DOCKWARD_AGENT__DATADIRECTORY"]!;

    /// <summary>The agent process as it runs now.</summary>
    public ServerProcess Agent => agent ?? throw new InvalidOperationException("this instance was started without an agent process");

    /// <summary>The agent's settings (its environment): for an agent run another way, e.g. in a container (<see cref="AgentContainer"/>).</summary>
    public IReadOnlyDictionary<string, string?> AgentEnvironment => agentEnvironment;

    public string Logs => $"--- control plane ---\n{controlPlane.Output}\n--- agent ---\n{previousAgentOutput}{AgentLog}";


    /// <param name="heartbeatSeconds">How often the agent reports even when nothing changed.</param>
    /// <param name="agentEnvironment">More environment for the agent process, e.g. a crash point.</param>
    /// <param name="agentProcess">False to start no agent process: the test runs the agent itself (<see cref="AgentEnvironment"/>).</param>
    /// <param name="controlPlaneEnvironment">More environment for the control plane, e.g. a timer's schedule.</param>
    public static async Task<DockwardInstance> StartAsync(
        Servers servers, string prefix, int heartbeatSeconds = 2, IReadOnlyDictionary<string, string?>? agentEnvironment = null, bool agentProcess = true,
        IReadOnlyDictionary<string, string?>? controlPlaneEnvironment = null)
    {
        var port = FreePort.Next();
        var instance = new DockwardInstance(servers, port, controlPlaneEnvironment ?? new Dictionary<string, string?>(), prefix);
        await instance.WaitUntilReadyAsync();
        instance.Http = TestSecurity.ClientWith(instance.Anonymous.BaseAddress!, await TestSecurity.SignInAsync(instance.Anonymous));
        instance.agentEnvironment = new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENT__CONTROLPLANEURL"] = $"http://127.0.0.1:{port}",
            ["DOCKWARD_AGENT__ENROLMENTTOKEN"] = await TestSecurity.CreateEnrolmentTokenAsync(instance.Http),
            ["DOCKWARD_AGENT__NAME"] = prefix + "-host",
            ["DOCKWARD_AGENT__DATADIRECTORY"] = Directory.CreateTempSubdirectory("dockward-agent-").FullName,
            ["DOCKWARD_AGENT__HEARTBEATSECONDS"] = heartbeatSeconds.ToString(),
            ["DOCKWARD_AGENT__JOBWAITSECONDS"] = "5",
            // Debug shows each inventory report ("Reported N containers"), which some tests wait for.
            ["Logging__LogLevel__Dockward"] = "Debug",
        };
        foreach (var (key, value) in agentEnvironment ?? new Dictionary<string, string?>())
        {
            instance.agentEnvironment[key] = value;
        }

        if (agentProcess)
        {
            instance.agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], instance.agentEnvironment);
        }

        return instance;
    }

    /// <summary>
    /// Starts the agent again on the same data directory (its identity and journal) once the running one has
    /// ended, with <paramref name="changes"/> to its environment (a null value removes a variable).
    /// </summary>
    public async Task RestartAgentAsync(IReadOnlyDictionary<string, string?> changes)
    {
        var previous = Agent.Output;
        await Agent.DisposeAsync();
        foreach (var (key, value) in changes)
        {
            agentEnvironment[key] = value;
        }

        agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], agentEnvironment);
        previousAgentOutput += previous + "\n--- agent restarted ---\n";
    }

    /// <summary>Replaces the control plane by a new process on the same address over other tables: it has never seen this agent.</summary>
    public async Task RestartControlPlaneWithEmptyStateAsync(string newPrefix)
    {
        await controlPlane.DisposeAsync();
        controlPlane = StartControlPlane(newPrefix);
        await WaitUntilReadyAsync();
        Http.Dispose();
        Http = TestSecurity.ClientWith(Anonymous.BaseAddress!, await TestSecurity.SignInAsync(Anonymous));
    }

    private ServerProcess StartControlPlane(string prefix)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOCKWARD_STORAGE__CONNECTIONSTRING"] = servers.Azurite.ConnectionString,
            ["DOCKWARD_STORAGE__TABLEPREFIX"] = prefix,
            ["DOCKWARD_SECURITY__MASTERKEY"] = TestSecurity.MasterKey,
            ["DOCKWARD_SECURITY__ADMINPASSWORD"] = TestSecurity.AdminPassword,
            ["DOCKWARD_TIMERS__SCANREGISTRIES"] = "0 0 0 1 1 *",
            ["DOCKWARD_POLICY__MONITORWINDOWSECONDS"] = "3",
            ["DOCKWARD_POLICY__HEALTHTIMEOUTSECONDS"] = "15",
        };
        foreach (var (key, value) in controlPlaneEnvironment)
        {
            environment[key] = value;
        }

        return ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "--urls", $"http://127.0.0.1:{port}"], environment);
    }

    /// <summary>A new access token of the first admin, e.g. for a stream read beside <see cref="Http"/>.</summary>
    public Task<string> SignInAsync() => TestSecurity.SignInAsync(Anonymous);

    /// <summary>The agent process stops (its output is kept in <see cref="Logs"/>); it is not started again.</summary>
    public async Task StopAgentAsync()
    {
        previousAgentOutput += Agent.Output + "\n--- agent stopped ---\n";
        await Agent.DisposeAsync();
        agent = null;
    }

    private Task WaitUntilReadyAsync() =>
        Wait.UntilAsync("the control plane to be ready", TimeSpan.FromSeconds(60), async () =>
        {
            using var response = await Anonymous.GetAsync(new Uri("/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }, () => Logs);

    /// <summary>The control plane's detail of a container (<c>GET /api/containers/{agentId}/{name}</c>), once the agent has reported it and <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForContainerAsync(string name, Func<JsonElement, bool> condition, string what) =>
        (JsonElement)await Wait.ForAsync<object>(what, TimeSpan.FromSeconds(60), async () =>
        {
            var list = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/containers?q={Uri.EscapeDataString(name)}&pageSize=500", UriKind.Relative));
            foreach (var item in list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("name").GetString() == name))
            {
                var agentId = item.GetProperty("agentId").GetString()!;
                var container = await Http.GetFromJsonAsync<JsonElement>(
                    new Uri($"/api/containers/{Uri.EscapeDataString(agentId)}/{Uri.EscapeDataString(name)}", UriKind.Relative));
                if (condition(container))
                {
                    return container;
                }
            }

            return null;
        }, () => Logs);

    /// <summary>Runs a registry check now and returns its summary.</summary>
    public async Task<JsonElement> CheckNowAsync()
    {
        using var response = await Http.PostAsync(new Uri("/api/checks", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The newest job of a container to <paramref name="targetDigest"/> once it has ended.</summary>
    public async Task<JsonElement> WaitForFinishedJobAsync(string agentId, string container, string targetDigest) =>
        (JsonElement)await Wait.ForAsync<object>($"the update of {container} to {targetDigest} to finish", TimeSpan.FromSeconds(120), async () =>
        {
            var jobs = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs?agentId={agentId}&container={container}", UriKind.Relative));
            foreach (var job in jobs.GetProperty("items").EnumerateArray())
            {
                if (job.GetProperty("targetDigest").GetString() == targetDigest
                    && job.GetProperty("state").GetString() is not ("pending" or "running" or "scheduled" or "awaiting_approval" or "held"))
                {
                    return job;
                }
            }

            return null;
        }, () => Logs);

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        Anonymous.Dispose();
        if (agent is not null)
        {
            await agent.DisposeAsync();
        }

        await controlPlane.DisposeAsync();
    }
}
