using System.Net.Http.Headers;
using System.Text;

namespace Dockward.Testing;

/// <summary>
/// A real CNCF distribution registry (Debian's docker-registry) on a free loopback port. Two of them can
/// share one storage folder: an anonymous one to push to, and an htpasswd one that serves the same images
/// behind basic auth, and a token-auth one whose clients get bearer tokens from a <see cref="TokenServer"/>.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly ServerProcess process;
    private bool stopped;

    private RegistryServer(ServerProcess process, int port, string? username, string? password)
    {
        this.process = process;
        Port = port;
        Username = username;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The registry as image references name it, e.g. <c>127.0.0.1:5123</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string? Username { get; }

    public string? Password { get; }

    /// <param name="storage">The folder holding the images; pass another server's to serve the same images.</param>
    /// <param name="basicAuth">User and password for htpasswd auth; null for an anonymous registry.</param>
    /// <param name="tokenAuth">A token service whose tokens this registry accepts (and demands) instead.</param>
    /// <param name="notifications">An endpoint the registry posts its event envelopes to, with the headers it sends (e.g. Authorization).</param>
    public static async Task<RegistryServer> StartAsync(
        string storage, (string User, string Password)? basicAuth = null, TokenServer? tokenAuth = null, RegistryNotifications? notifications = null)
    {
        var folder = Directory.CreateTempSubdirectory("dockward-registry-").FullName;
        var port = FreePort.Next();
        var auth = "";
        if (basicAuth is { } credentials)
        {
            var htpasswd = Path.Combine(folder, "htpasswd");
            await using (var hash = ServerProcess.Start("htpasswd", ["-Bbn", credentials.User, credentials.Password]))
            {
                await hash.WaitForExitAsync(TimeSpan.FromSeconds(30));
                await File.WriteAllTextAsync(htpasswd, hash.Output.Trim() + "\n");
            }

            auth = $"""
                auth:
                  htpasswd:
                    realm: dockward-test
                    path: {htpasswd}
                """;
        }

        if (tokenAuth is not null)
        {
            // The keys distribution's token access controller reads; no autoredirect (it forces an https realm).
            auth = $"""
                auth:
                  token:
                    realm: {tokenAuth.Realm}
                    service: {TokenServer.Service}
                    issuer: {TokenServer.Issuer}
                    rootcertbundle: {tokenAuth.RootCertBundle}
                """;
        }

        var notify = "";
        if (notifications is not null)
        {
            // distribution's endpoint settings (docs/configuration "notifications"): header values are lists.
            var headers = string.Concat(notifications.Headers.Select(h => $"\n        {h.Key}: [\"{h.Value}\"]"));
            notify = $"""
                notifications:
                  endpoints:
                    - name: dockward
                      url: {notifications.Url}
                      timeout: 5s
                      threshold: 3
                      backoff: 1s
                      headers:{headers}
                """;
        }

        var config = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {storage}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            {auth}
            {notify}
            """);

        var process = ServerProcess.Start("docker-registry", ["serve", config]);
        var server = new RegistryServer(process, port, basicAuth?.User, basicAuth?.Password);
        using var http = new HttpClient();
        await Wait.UntilAsync($"the registry on {server.Host}", TimeSpan.FromSeconds(30), async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("docker-registry exited: " + process.Output);
            }

            using var response = await http.GetAsync(new Uri($"http://{server.Host}/v2/"));
            return true; // 200 or 401: either way it answers
        }, () => process.Output);
        return server;
    }

    /// <summary>The digest the registry holds for a tag, asked the way Dockward asks (Docker v2 type in Accept).</summary>
    public async Task<string?> DigestAsync(string repository, string tag)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{Host}/v2/{repository}/manifests/{tag}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        if (Username is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        }

        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? response.Headers.GetValues("Docker-Content-Digest").First() : null;
    }

    /// <summary>Stops the registry, as a registry that goes down does; disposing it afterwards does nothing more.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await process.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
