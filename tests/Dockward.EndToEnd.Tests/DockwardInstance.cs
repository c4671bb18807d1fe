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
    private const string EnrolmentToken = "end-to-end-enrolment-token";

    private readonly ServerProcess controlPlane;
    private readonly ServerProcess agent;

    private DockwardInstance(ServerProcess controlPlane, ServerProcess agent, Uri baseAddress)
    {
        this.controlPlane = controlPlane;
        this.agent = agent;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public string Logs => $"--- control plane ---\n{controlPlane.Output}\n--- agent ---\n{agent.Output}";

    public static async Task<DockwardInstance> StartAsync(Servers servers, string prefix)
    {
        var port = FreePort.Next();
        var controlPlane = ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string?>
        {
            ["DOCKWARD_STORAGE__CONNECTIONSTRING"] = servers.Azurite.ConnectionString,
            ["DOCKWARD_STORAGE__TABLEPREFIX"] = prefix,
            ["DOCKWARD_AGENTS__ENROLMENTTOKEN"] = EnrolmentToken,
            ["DOCKWARD_TIMERS__SCANREGISTRIES"] = "0 0 0 1 1 *",
            ["DOCKWARD_POLICY__MONITORWINDOWSECONDS"] = "3",
            ["DOCKWARD_POLICY__HEALTHTIMEOUTSECONDS"] = "15",
        });
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var agent = ServerProcess.Start("dotnet", [RepoPaths.AgentDll], new Dictionary<string, string?>
        {
            ["DOCKWARD_AGENT__CONTROLPLANEURL"] = baseAddress.ToString(),
            ["DOCKWARD_AGENT__ENROLMENTTOKEN"] = EnrolmentToken,
            ["DOCKWARD_AGENT__NAME"] = prefix + "-host",
            ["DOCKWARD_AGENT__DATADIRECTORY"] = Directory.CreateTempSubdirectory("dockward-agent-").FullName,
            ["DOCKWARD_AGENT__HEARTBEATSECONDS"] = "2",
            ["DOCKWARD_AGENT__JOBWAITSECONDS"] = "5",
        });
        var instance = new DockwardInstance(controlPlane, agent, baseAddress);
        await Wait.UntilAsync("the control plane to be ready", TimeSpan.FromSeconds(60), async () =>
        {
            using var response = await instance.Http.GetAsync(new Uri("/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }, () => instance.Logs);
        return instance;
    }

    /// <summary>The control plane's record of a container, once the agent has reported it and <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForContainerAsync(string name, Func<JsonElement, bool> condition, string what) =>
        (JsonElement)await Wait.ForAsync<object>(what, TimeSpan.FromSeconds(60), async () =>
        {
            var list = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/containers", UriKind.Relative));
            foreach (var entry in list.EnumerateArray())
            {
                var container = entry.GetProperty("container");
                if (container.GetProperty("name").GetString() == name && condition(container))
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

    /// <summary>The newest job of a container once it has ended (not pending or running).</summary>
    public async Task<JsonElement> WaitForFinishedJobAsync(string agentId, string container, string targetDigest) =>
        (JsonElement)await Wait.ForAsync<object>($"the update of {container} to {targetDigest} to finish", TimeSpan.FromSeconds(120), async () =>
        {
            var jobs = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs?agentId={agentId}&container={container}", UriKind.Relative));
            foreach (var job in jobs.EnumerateArray())
            {
                if (job.GetProperty("targetDigest").GetString() == targetDigest && job.GetProperty("state").GetString() is not ("pending" or "running"))
                {
                    return job;
                }
            }

            return null;
        }, () => Logs);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await agent.DisposeAsync();
        await controlPlane.DisposeAsync();
    }
}
