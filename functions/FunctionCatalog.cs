using Dockward.Functions.Agents;
using Dockward.Functions.Containers;
using Dockward.Functions.Detection;
using Dockward.Functions.Health;
using Dockward.Functions.Hosting;
using Dockward.Functions.Updates;

namespace Dockward.Functions;

/// <summary>Every function of the control plane with its trigger: the whole surface on one screen.</summary>
internal static class FunctionCatalog
{
    public static void Register(FunctionRegistry functions)
    {
        // Timers (schedules in host.json "timers", env DOCKWARD_TIMERS__<NAME> overrides)
        functions.Timer<ScanRegistriesFunction>("ScanRegistries");
        functions.Timer<RequeueLostJobsFunction>("RequeueLostJobs");

        // Health
        functions.Http<HealthFunction>("GET", "/health");
        functions.Http<ReadyFunction>("GET", "/ready");

        // Agents (agent → control plane; agent credential except for enrolment)
        functions.Http<EnrolAgentFunction>("POST", "/api/agents/enrol");
        functions.Http<ReportInventoryFunction>("POST", "/api/agents/{agentId}/inventory");
        functions.Http<NextJobFunction>("GET", "/api/agents/{agentId}/jobs/next");
        functions.Http<ReportJobStepFunction>("POST", "/api/agents/{agentId}/jobs/{jobId}/steps");
        functions.Http<ReportJobResultFunction>("POST", "/api/agents/{agentId}/jobs/{jobId}/result");

        // Detection and updates, by hand
        functions.Http<CheckNowFunction>("POST", "/api/checks");
        functions.Http<ListImageChecksFunction>("GET", "/api/checks");
        functions.Http<ListContainersFunction>("GET", "/api/containers");
        functions.Http<UpdateContainerNowFunction>("POST", "/api/containers/{agentId}/{name}/update");
        functions.Http<ListJobsFunction>("GET", "/api/jobs");
        functions.Http<GetJobFunction>("GET", "/api/jobs/{jobId}");
    }
}
