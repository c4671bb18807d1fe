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

    /// <summary>
    /// A new enrolment token valid for <paramref name="lifetime"/> (default from settings, at most a day). With
    /// <paramref name="forAgentId"/> it re-enrols that existing agent; without, it enrols a new agent only.
    /// </summary>
    public async Task<(EnrolmentTokenRecord? Record, string? Token, Refusal? Refusal)> CreateTokenAsync(
        TimeSpan? lifetime, string? forAgentId, Actor actor, CancellationToken cancellationToken)
    {
        var ttl = lifetime ?? TimeSpan.FromMinutes(options.Value.EnrolmentTokenMinutes);
        if (ttl < TimeSpan.FromMinutes(1) || ttl > TimeSpan.FromDays(1))
        {
            return (null, null, Refusal.Invalid("An enrolment token lives from 1 to 1440 minutes."));
        }

        if (forAgentId is not null && (!SecretTokens.IsId(forAgentId) || await agents.GetAsync(forAgentId, cancellationToken) is null))
        {
            return (null, null, Refusal.NotFound($"No agent '{forAgentId}' to re-enrol."));
        }

        var now = clock.GetUtcNow();
        var secret = SecretTokens.NewSecret();
        var record = await tokens.AddAsync(
            new EnrolmentTokenRecord(SecretTokens.NewId(), SecretTokens.Hash(secret), actor.Name, now, now + ttl, null, null, forAgentId), cancellationToken);
        await audit.SucceededAsync(actor, "agent.enrolment_token.create", record.Id,
            $"valid until {record.ExpiresAt:u}" + (forAgentId is null ? ", for a new agent" : $", re-enrols agent {forAgentId}"), cancellationToken);
        return (record, SecretTokens.Format(Prefix, record.Id, secret), null);
    }

    /// <summary>
    /// The agent's id and credential; or Unauthorized (token malformed, unknown, used or expired) or Conflict
    /// (a token for a new agent naming an enrolled one, or a re-enrolment token naming another host).
    /// </summary>
    public async Task<(EnrolResponse? Response, Refusal? Refusal)> EnrolAsync(EnrolRequest request, string? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!SecretTokens.TryParse(request.EnrolmentToken, Prefix, out var tokenId, out var secret)
            || await tokens.GetAsync(tokenId, cancellationToken) is not { } token
            || !SecretTokens.Matches(secret, token.SecretHash)
            || token.UsedAt is not null
            || token.ExpiresAt <= now)
        {
            await audit.DeniedAsync(Actor.Anonymous(address), "agent.enrol", request.Name, "enrolment token wrong, used or expired", cancellationToken);
            return (null, Refusal.Unauthorized("The enrolment token is wrong, used or expired; an admin creates a new one with POST /api/agents/enrolment-tokens."));
        }

        var existing = token.ForAgentId is { } forAgent
            ? await agents.GetAsync(forAgent, cancellationToken)
            : await agents.FindByNameAsync(request.Name, cancellationToken);
        var refusal = (token.ForAgentId, existing) switch
        {
            (null, not null) => Refusal.Conflict($"An agent named '{request.Name}' is enrolled already: an admin re-enrols it with a token created for its id (POST /api/agents/enrolment-tokens {{\"agentId\": …}})."),
            (not null, null) => Refusal.Conflict("The agent this token was made for no longer exists."),
            (not null, not null) when existing.Name != request.Name => Refusal.Conflict($"This token re-enrols '{existing.Name}', not '{request.Name}'."),
            _ => null,
        };
        if (refusal is not null)
        {
            await audit.DeniedAsync(Actor.Anonymous(address), "agent.enrol", request.Name, refusal.Message, cancellationToken);
            return (null, refusal);
        }

        var agentId = existing?.Id ?? Guid.NewGuid().ToString("N");
        try
        {
            // Used first: of two agents racing with one token, only the one whose write lands gets in.
            await tokens.UpdateAsync(token with { UsedAt = now, UsedByAgentId = agentId }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return (null, Refusal.Unauthorized("The enrolment token was used meanwhile."));
        }

        var credential = SecretTokens.NewSecret();
        if (existing is not null)
        {
            await RekeyAsync(existing, credential, request, now, cancellationToken);
        }
        else
        {
            await agents.AddAsync(new AgentRecord(agentId, request.Name, SecretTokens.Hash(credential), request.AgentVersion, request.DockerVersion, now, now), cancellationToken);
        }

        await audit.SucceededAsync(Actor.Agent(agentId, address), "agent.enrol", request.Name, $"with enrolment token {token.Id}", cancellationToken);
        return (new EnrolResponse(agentId, credential), null);
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

    /// <summary>
    /// The same host enrolling again with a token made for it: it keeps its id, gets a new credential (the old one
    /// stops working) and a revocation is lifted. Heartbeats may touch the record meanwhile, so a conflict is retried.
    /// </summary>
    private async Task RekeyAsync(AgentRecord agent, string credential, EnrolRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await agents.UpdateAsync(agent with
                {
                    CredentialHash = SecretTokens.Hash(credential),
                    AgentVersion = request.AgentVersion,
                    DockerVersion = request.DockerVersion,
                    LastSeenAt = now,
                    RevokedAt = null,
                }, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 4)
            {
                agent = await agents.GetAsync(agent.Id, cancellationToken) ?? agent;
            }
        }
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
