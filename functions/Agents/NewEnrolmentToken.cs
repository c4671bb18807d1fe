namespace Dockward.Functions.Agents;

/// <summary>
/// An enrolment token to create: how long it may wait for its agent (left out: <c>Security:EnrolmentTokenMinutes</c>),
/// and, to re-enrol an existing agent (data lost, or revoked and let back), that agent's id.
/// </summary>
internal sealed record NewEnrolmentToken(int? TtlMinutes = null, string? AgentId = null);
