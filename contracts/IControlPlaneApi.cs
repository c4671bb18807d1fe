using Refit;

namespace Dockward.Contracts;

/// <summary>
/// The control plane as the agent sees it. The agent only ever dials out: every call here is
/// agent → control plane. All calls but <see cref="EnrolAsync"/> carry the agent's own credential.
/// </summary>
public interface IControlPlaneApi
{
    /// <summary>Exchanges an enrolment token for this agent's id and credential.</summary>
    [Post("/api/agents/enrol")]
    Task<EnrolResponse> EnrolAsync([Body] EnrolRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces the control plane's view of this host's containers; doubles as the heartbeat.</summary>
    [Post("/api/agents/{agentId}/inventory")]
    Task ReportInventoryAsync(string agentId, [Body] InventoryReport report, CancellationToken cancellationToken);

    /// <summary>Long-polls for the next job: 200 with a job, or 204 when none arrived within <paramref name="waitSeconds"/>.</summary>
    [Get("/api/agents/{agentId}/jobs/next")]
    Task<IApiResponse<JobAssignment>> WaitForJobAsync(string agentId, [Query] int waitSeconds, CancellationToken cancellationToken);

    /// <summary>Appends one progress step to a running job.</summary>
    [Post("/api/agents/{agentId}/jobs/{jobId}/steps")]
    Task ReportStepAsync(string agentId, string jobId, [Body] JobStepReport report, CancellationToken cancellationToken);

    /// <summary>Long-polls for the next command (start, stop, restart, logs, stats): 200 with one, or 204 when none arrived within <paramref name="waitSeconds"/>.</summary>
    [Get("/api/agents/{agentId}/commands/next")]
    Task<IApiResponse<AgentCommand>> WaitForCommandAsync(string agentId, [Query] int waitSeconds, CancellationToken cancellationToken);

    /// <summary>Answers a command.</summary>
    [Post("/api/agents/{agentId}/commands/{commandId}/result")]
    Task ReportCommandResultAsync(string agentId, string commandId, [Body] CommandResult result, CancellationToken cancellationToken);

    /// <summary>Ends a job with its outcome.</summary>
    [Post("/api/agents/{agentId}/jobs/{jobId}/result")]
    Task ReportResultAsync(string agentId, string jobId, [Body] JobResultReport result, CancellationToken cancellationToken);
}
