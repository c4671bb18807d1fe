using System.Security.Cryptography;
using System.Text;
using Dockward.Contracts;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Agents;

/// <summary>Admits agents that hold the enrolment token and gives each its own credential, stored only as a hash.</summary>
internal sealed class AgentEnrolment(IAgentStore agents, IOptions<AgentsOptions> options, TimeProvider clock)
{
    /// <summary>Null when the enrolment token is wrong.</summary>
    public async Task<EnrolResponse?> EnrolAsync(EnrolRequest request, CancellationToken cancellationToken)
    {
        if (!FixedTimeEquals(request.EnrolmentToken, options.Value.EnrolmentToken))
        {
            return null;
        }

        var credential = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var existing = await agents.FindByNameAsync(request.Name, cancellationToken);
        if (existing is not null)
        {
            // The same host enrolling again (its data volume was lost): it keeps its id, the old credential stops working.
            await agents.UpdateAsync(existing with
            {
                CredentialHash = Hash(credential),
                AgentVersion = request.AgentVersion,
                DockerVersion = request.DockerVersion,
                LastSeenAt = now,
            }, cancellationToken);
            return new EnrolResponse(existing.Id, credential);
        }

        var agent = new AgentRecord(Guid.NewGuid().ToString("N"), request.Name, Hash(credential), request.AgentVersion, request.DockerVersion, now, now);
        await agents.AddAsync(agent, cancellationToken);
        return new EnrolResponse(agent.Id, credential);
    }

    /// <summary>The agent whose credential this is, or null.</summary>
    public async Task<AgentRecord?> AuthenticateAsync(string agentId, string? credential, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credential))
        {
            return null;
        }

        var agent = await agents.GetAsync(agentId, cancellationToken);
        return agent is not null && FixedTimeEquals(Hash(credential), agent.CredentialHash) ? agent : null;
    }

    private static string Hash(string credential) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
