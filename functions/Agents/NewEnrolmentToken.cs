namespace Dockward.Functions.Agents;

/// <summary>How long the enrolment token may wait for its agent; left out: <c>Security:EnrolmentTokenMinutes</c>.</summary>
internal sealed record NewEnrolmentToken(int? TtlMinutes = null);
