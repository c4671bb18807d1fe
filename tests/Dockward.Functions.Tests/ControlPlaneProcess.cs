using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Functions.Tests;

/// <summary>
/// The built control plane (<see cref="RepoPaths.FunctionsDll"/>) as its own process on a free port, configured
/// only through <c>DOCKWARD_*</c> environment variables, with tables under a prefix no other test uses.
/// The timer is pushed far out so nothing runs unless a test asks for it.
/// </summary>
internal sealed class ControlPlaneProcess : IAsyncDisposable
{
    private readonly ServerProcess process;
    private readonly string connectionString;
    private readonly string tablePrefix;

    private ControlPlaneProcess(ServerProcess process, Uri baseAddress, string connectionString, string tablePrefix)
    {
        this.process = process;
        this.connectionString = connectionString;
        this.tablePrefix = tablePrefix;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Http { get; }

    /// <summary>A client signed in as the first admin (set up by <see cref="StartAsync"/>).</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The first admin's access token, the one <see cref="Admin"/> sends (e.g. for an <see cref="EventStreamClient"/>).</summary>
    public string AdminToken { get; private set; } = null!;

    /// <summary>The storage connection string this control plane uses (the shared Azurite).</summary>
    public string ConnectionString => connectionString;

    /// <summary>The prefix of this control plane's tables, e.g. to read a stored row directly.</summary>
    public string TablePrefix => tablePrefix;

    /// <summary>Everything the process wrote, stdout and stderr together.</summary>
    public string Output => process.Output;

    /// <summary>The settings a good start needs.</summary>
    public static Dictionary<string, string?> GoodEnvironment(string connectionString, string tablePrefix) => new()
    {
        ["DOCKWARD_STORAGE__CONNECTIONSTRING"] = connectionString,
        ["DOCKWARD_STORAGE__TABLEPREFIX"] = tablePrefix,
        ["DOCKWARD_SECURITY__MASTERKEY"] = TestSecurity.MasterKey,
        ["DOCKWARD_SECURITY__ADMINPASSWORD"] = TestSecurity.AdminPassword,
        ["DOCKWARD_TIMERS__SCANREGISTRIES"] = "0 0 0 1 1 *",
    };

    /// <summary>Starts the dll with exactly <paramref name="environment"/> added, without waiting for anything.</summary>
    public static ServerProcess Launch(IDictionary<string, string?> environment, int port) =>
        ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "--urls", $"http://127.0.0.1:{port}"], environment);

    /// <summary>Starts a control plane on the shared Azurite and waits until /health answers.</summary>
    /// <param name="change">Changes to the good environment, e.g. another connection string.</param>
    public static async Task<ControlPlaneProcess> StartAsync(Servers servers, Action<Dictionary<string, string?>>? change = null)
    {
        var prefix = Servers.UniqueName("fn");
        var environment = GoodEnvironment(servers.Azurite.ConnectionString, prefix);
        change?.Invoke(environment);
        var port = FreePort.Next();
        var controlPlane = new ControlPlaneProcess(Launch(environment, port), new Uri($"http://127.0.0.1:{port}"), servers.Azurite.ConnectionString, prefix);
        try
        {
            await Wait.UntilAsync("the control plane to answer /health", TimeSpan.FromSeconds(60), async () =>
            {
                if (controlPlane.process.HasExited)
                {
                    return true;
                }

                using var response = await controlPlane.Http.GetAsync(new Uri("/health", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }, () => controlPlane.Output);
            if (controlPlane.process.HasExited)
            {
                throw new InvalidOperationException($"The control plane exited with {controlPlane.process.ExitCode}:\n{controlPlane.Output}");
            }

            if (environment.ContainsKey("DOCKWARD_SECURITY__ADMINPASSWORD"))
            {
                controlPlane.AdminToken = await TestSecurity.SignInAsync(controlPlane.Http);
                controlPlane.Admin = TestSecurity.ClientWith(controlPlane.Http.BaseAddress!, controlPlane.AdminToken);
            }
        }
        catch
        {
            await controlPlane.DisposeAsync();
            throw;
        }

        return controlPlane;
    }

    /// <summary>Enrols an agent under a name unique to the test (with a fresh one-time token) and returns its id and credential.</summary>
    public async Task<EnrolResponse> EnrolAgentAsync()
    {
        using var response = await Http.PostAsJsonAsync(
            new Uri("/api/agents/enrol", UriKind.Relative),
            new EnrolRequest(await TestSecurity.CreateEnrolmentTokenAsync(Admin), Servers.UniqueName("host-"), "0.1.0-test", "27.0.0"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<EnrolResponse>())!;
    }

    /// <summary>A request carrying <paramref name="credential"/> as its bearer token (none when null).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? credential, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin?.Dispose();
        await process.DisposeAsync();
        await TestTables.DeleteAsync(connectionString, tablePrefix);
    }
}
