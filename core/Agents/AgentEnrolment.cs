using Dockward.Contracts;
using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Agents;

/// <summary>
/// Admits agents: an admin creates a one-time enrolment token (<c>dwe_{id}_{secret}</c>, short-lived); an agent
/// trades it for its own credential, stored only as a hash. An admin can revoke an agent: its credential is
/// refused from then on, until it enrols again with a new token.
/// </summary>
internal sealed class AgentEnrolment(
    IAgentStore agents,
    IEnrolmentTokenStore tokens,
    AuditTrail audit,
    IOptions<SecurityOptions> options,
    TimeProvider clock)
{
    public const string Prefix = "dwe";

    /// <summary>A new enrolment token valid for <paramref name="lifetime"/> (default from settings, at most a day).</summary>
    public async Task<(EnrolmentTokenRecord? Record, string? Token, Refusal? Refusal)> CreateTokenAsync(
        TimeSpan? lifetime, Actor actor, CancellationToken cancellationToken)
    {
        var ttl = lifetime ?? TimeSpan.FromMinutes(options.Value.EnrolmentTokenMinutes);
        if (ttl < TimeSpan.FromMinutes(1) || ttl > TimeSpan.FromDays(1))
        {
            return (null, null, Refusal.Invalid("An enrolment token lives from 1 to 1440 minutes."));
        }

        var now = clock.GetUtcNow();
        var secret = SecretTokens.NewSecret();
        var record = await tokens.AddAsync(new EnrolmentTokenRecord(SecretTokens.NewId(), SecretTokens.Hash(secret), actor.Name, now, now + ttl, null, null), cancellationToken);
        await audit.SucceededAsync(actor, "agent.enrolment_token.create", record.Id, $"valid until {record.ExpiresAt:u}", cancellationToken);
        return (record, SecretTokens.Format(Prefix, record.Id, secret), null);
    }

    /// <summary>Null when the enrolment token is malformed, unknown, used or expired.</summary>
    public async Task<EnrolResponse?> EnrolAsync(EnrolRequest request, string? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!SecretTokens.TryParse(request.EnrolmentToken, Prefix, out var tokenId, out var secret)
            || await tokens.GetAsync(tokenId, cancellationToken) is not { } token
            || !SecretTokens.Matches(secret, token.SecretHash)
            || token.UsedAt is not null
            || token.ExpiresAt <= now)
        {
            await audit.DeniedAsync(Actor.Anonymous(address), "agent.enrol", request.Name, "enrolment token wrong, used or expired", cancellationToken);
            return null;
        }

        var existing = await agents.FindByNameAsync(request.Name, cancellationToken);
        var agentId = existing?.Id ?? Guid.NewGuid().ToString("N");
        try
        {
            // Used first: of two agents racing with one token, only the one whose write lands gets in.
            await tokens.UpdateAsync(token with { UsedAt = now, UsedByAgentId = agentId }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }

        var credential = SecretTokens.NewSecret();
        if (existing is not null)
        {
            // The same host enrolling again (its data volume was lost, or it was revoked and an admin let it back):
            // it keeps its id, the old credential stops working.
            await agents.UpdateAsync(existing with
            {
                CredentialHash = SecretTokens.Hash(credential),
                AgentVersion = request.AgentVersion,
                DockerVersion = request.DockerVersion,
                LastSeenAt = now,
                RevokedAt = null,
            }, cancellationToken);
        }
        else
        {
            await agents.AddAsync(new AgentRecord(agentId, request.Name, SecretTokens.Hash(credential), request.AgentVersion, request.DockerVersion, now, now), cancellationToken);
        }

        await audit.SucceededAsync(Actor.Agent(agentId, address), "agent.enrol", request.Name, $"with enrolment token {token.Id}", cancellationToken);
        return new EnrolResponse(agentId, credential);
    }

    /// <summary>The agent whose credential this is, or null (unknown, wrong, or revoked).</summary>
    public async Task<AgentRecord?> AuthenticateAsync(string agentId, string? credential, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credential) || credential.Length > 200)
        {
            return null;
        }

        var agent = await agents.GetAsync(agentId, cancellationToken);
        return agent is { RevokedAt: null } && SecretTokens.Matches(credential, agent.CredentialHash) ? agent : null;
    }

    /// <summary>Revokes an agent: from now on its credential gets 401.</summary>
    public async Task<(AgentRecord? Agent, Refusal? Refusal)> RevokeAsync(string agentId, Actor actor, CancellationToken cancellationToken)
    {
        if (await agents.GetAsync(agentId, cancellationToken) is not { } agent)
        {
            return (null, Refusal.NotFound($"No agent '{agentId}'."));
        }

        if (agent.RevokedAt is not null)
        {
            return (agent, null);
        }

        var revoked = await agents.UpdateAsync(agent with { RevokedAt = clock.GetUtcNow() }, cancellationToken);
        await audit.SucceededAsync(actor, "agent.revoke", $"{agent.Id} ({agent.Name})", null, cancellationToken);
        return (revoked, null);
    }
}
