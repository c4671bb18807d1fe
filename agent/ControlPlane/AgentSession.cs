using System.Text.Json;
using Docker.DotNet;
using Dockward.Agent.Docker;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.ControlPlane;

/// <summary>
/// The agent's identity: read from its data directory, or obtained by enrolling (retrying until the
/// control plane answers). A credential the control plane rejects is dropped and the agent enrols again.
/// </summary>
internal sealed class AgentSession(
    IControlPlaneApi api,
    IDockerClient docker,
    IOptions<AgentOptions> options,
    ILogger<AgentSession> logger) : IDisposable
{
    public static readonly string AgentVersion =
        typeof(AgentSession).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly SemaphoreSlim gate = new(1, 1);
    private AgentIdentity? identity;

    public const string IdentityFileName = "identity.json";

    private string IdentityFile => Path.Combine(options.Value.DataDirectory, IdentityFileName);

    /// <summary>The current identity, enrolling first if there is none.</summary>
    public async Task<AgentIdentity> GetAsync(CancellationToken cancellationToken)
    {
        if (identity is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            identity ??= Load() ?? await EnrolAsync(cancellationToken);
            return identity;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets a credential the control plane refused (agent revoked, or the store was reset).</summary>
    public void Reject(AgentIdentity rejected)
    {
        // Only the identity that was refused is dropped: a second worker reporting the same refusal late must
        // not throw away the identity the first one has enrolled since.
        if (Interlocked.CompareExchange(ref identity, null, rejected) == rejected)
        {
            logger.LogWarning("Control plane refused the credential of agent {AgentId} (revoked, or the control plane's state was reset); enrolling again", rejected.AgentId);
            File.Delete(IdentityFile);
        }
    }

    public void Dispose() => gate.Dispose();

    private AgentIdentity? Load()
    {
        if (!File.Exists(IdentityFile))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<AgentIdentity>(File.ReadAllText(IdentityFile));
        // An identity belongs to one control plane: pointing the agent elsewhere means enrolling there.
        return stored is not null && stored.ControlPlaneUrl == options.Value.ControlPlaneUrl ? stored : null;
    }

    private async Task<AgentIdentity> EnrolAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var name = options.Value.Name is { Length: > 0 } configured ? configured : (await docker.System.GetSystemInfoAsync(cancellationToken)).Name;
                var request = new EnrolRequest(options.Value.EnrolmentToken, name, AgentVersion, await DockerEngine.VersionAsync(docker, cancellationToken));
                var response = await api.EnrolAsync(request, cancellationToken);
                var enrolled = new AgentIdentity(response.AgentId, response.Credential, options.Value.ControlPlaneUrl);
                Save(enrolled);
                logger.LogInformation("Enrolled with {ControlPlane} as agent {AgentId} ({AgentName})", options.Value.ControlPlaneUrl, enrolled.AgentId, name);
                return enrolled;
            }
            catch (Refit.ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                delay = TimeSpan.FromMinutes(5);
                logger.LogError(
                    "The control plane refused to enrol this agent as {AgentName}: an agent of that name is enrolled already. " +
                    "To re-enrol it, an admin creates a token for its id: POST /api/agents/enrolment-tokens {{\"agentId\": \"…\"}}. Retrying in {Delay}",
                    options.Value.Name, delay);
            }
            catch (Refit.ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                // Only a new token from an admin helps: ask again rarely, so a spent token does not flood the audit log.
                delay = TimeSpan.FromMinutes(5);
                logger.LogError(
                    "The control plane refused Agent:EnrolmentToken: it is wrong, expired or already used (each works once). " +
                    "An admin creates a new one with POST /api/agents/enrolment-tokens. Retrying in {Delay}", delay);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Unreachable, refused, timed out, a bad answer (Refit wraps connection errors too), or the engine
                // not answering for its version: keep trying; the control plane or the engine may come up later.
                logger.LogError("Cannot enrol with {ControlPlane} (Agent:ControlPlaneUrl): {Error}. Retrying in {Delay}", options.Value.ControlPlaneUrl, e.Message, delay);
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    private void Save(AgentIdentity enrolled)
    {
        Directory.CreateDirectory(options.Value.DataDirectory);
        var temporary = IdentityFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(enrolled));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, IdentityFile, overwrite: true);
    }
}
