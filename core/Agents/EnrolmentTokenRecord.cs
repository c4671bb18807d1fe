namespace Dockward.Core.Agents;

/// <summary>A one-time token an admin creates for one agent to enrol with; short-lived.</summary>
/// <param name="Id">Token id, also the visible part of the token (<c>dwe_{id}_{secret}</c>).</param>
/// <param name="SecretHash">SHA-256 (hex) of the secret part.</param>
/// <param name="CreatedBy">The actor who created it (e.g. <c>user:alice</c>).</param>
/// <param name="UsedAt">When an agent enrolled with it; a used token never works again.</param>
/// <param name="ForAgentId">
/// Set: the token re-enrols exactly this existing agent (its data was lost, or it was revoked and is let back).
/// Null: the token enrols a new agent only, so it can never take over an enrolled agent's identity.
/// </param>
internal sealed record EnrolmentTokenRecord(
    string Id,
    string SecretHash,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    string? UsedByAgentId,
    string? ForAgentId = null,
    string? Version = null);
