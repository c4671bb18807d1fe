namespace Dockward.Core.Agents;

/// <summary>An enrolled agent, one per Docker host.</summary>
/// <param name="RevokedAt">When an admin revoked the agent: its credential is refused from then on.</param>
/// <param name="OfflineSince">When the <c>MarkOfflineAgents</c> timer found it missing its heartbeats; cleared by its next report.</param>
/// <param name="Version">Concurrency token of the stored record; null for a record not stored yet.</param>
internal sealed record AgentRecord(
    string Id,
    string Name,
    string CredentialHash,
    string AgentVersion,
    string DockerVersion,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? RevokedAt = null,
    string? Version = null,
    DateTimeOffset? OfflineSince = null);
