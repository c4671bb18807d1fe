using Dockward.Functions.Agents;
using Dockward.Functions.Audit;
using Dockward.Functions.Auth;
using Dockward.Functions.Containers;
using Dockward.Functions.Detection;
using Dockward.Functions.Events;
using Dockward.Functions.Health;
using Dockward.Functions.OpenApi;
using Dockward.Functions.Hosting;
using Dockward.Functions.Policies;
using Dockward.Functions.Registries;
using Dockward.Functions.Rollouts;
using Dockward.Functions.SystemApi;
using Dockward.Functions.Tokens;
using Dockward.Functions.Updates;
using Dockward.Functions.Users;
using Dockward.Functions.Webhooks;
using static Dockward.Functions.Security.Access;

namespace Dockward.Functions;

/// <summary>Every function of the control plane with its trigger and, for HTTP, who may call it: the whole surface on one screen.</summary>
internal static class FunctionCatalog
{
    public static void Register(FunctionRegistry functions)
    {
        // Timers (schedules in host.json "timers", env DOCKWARD_TIMERS__<NAME> overrides)
        functions.Timer<ScanRegistriesFunction>("ScanRegistries");
        functions.Timer<RequeueLostJobsFunction>("RequeueLostJobs");
        functions.Timer<ReleaseScheduledUpdatesFunction>("ReleaseScheduledUpdates");
        functions.Timer<PruneSecurityRecordsFunction>("PruneSecurityRecords");
        functions.Timer<PruneCheckHistoryFunction>("PruneCheckHistory");
        functions.Timer<AdvanceRolloutsFunction>("AdvanceRollouts");
        functions.Timer<MarkOfflineAgentsFunction>("MarkOfflineAgents");
        functions.Timer<PruneEventsFunction>("PruneEvents");
        functions.Timer<PruneCommandsFunction>("PruneCommands");
        functions.Timer<PruneStatsFunction>("PruneStats");

        // Health
        functions.Http<HealthFunction>("GET", "/health", Anonymous);
        functions.Http<ReadyFunction>("GET", "/ready", Anonymous);

        // Sign-in: first-run setup, dashboard login (cookies), script tokens, refresh, logout
        functions.Http<SetupFunction>("POST", "/api/auth/setup", Anonymous);
        functions.Http<LoginFunction>("POST", "/api/auth/login", Anonymous);
        functions.Http<IssueTokenFunction>("POST", "/api/auth/token", Anonymous);
        functions.Http<RefreshFunction>("POST", "/api/auth/refresh", Anonymous);
        functions.Http<LogoutFunction>("POST", "/api/auth/logout", Anonymous);
        functions.Http<MeFunction>("GET", "/api/auth/me", Viewer);
        functions.Http<ChangePasswordFunction>("POST", "/api/auth/password", Viewer);

        // Users (admin) and personal API tokens (each user their own)
        functions.Http<ListUsersFunction>("GET", "/api/users", Admin);
        functions.Http<CreateUserFunction>("POST", "/api/users", Admin);
        functions.Http<GetUserFunction>("GET", "/api/users/{userId}", Admin);
        functions.Http<UpdateUserFunction>("PATCH", "/api/users/{userId}", Admin);
        functions.Http<ResetPasswordFunction>("POST", "/api/users/{userId}/password", Admin);
        functions.Http<UnlockUserFunction>("POST", "/api/users/{userId}/unlock", Admin);
        functions.Http<ListApiTokensFunction>("GET", "/api/tokens", Viewer);
        functions.Http<CreateApiTokenFunction>("POST", "/api/tokens", Viewer);
        functions.Http<RevokeApiTokenFunction>("DELETE", "/api/tokens/{tokenId}", Viewer);

        // Agents: enrolment (one-time token), then each agent with its own credential on its own routes
        functions.Http<EnrolAgentFunction>("POST", "/api/agents/enrol", Anonymous);
        functions.Http<ReportInventoryFunction>("POST", "/api/agents/{agentId}/inventory", Agent);
        functions.Http<NextJobFunction>("GET", "/api/agents/{agentId}/jobs/next", Agent);
        functions.Http<ReportJobStepFunction>("POST", "/api/agents/{agentId}/jobs/{jobId}/steps", Agent);
        functions.Http<ReportJobResultFunction>("POST", "/api/agents/{agentId}/jobs/{jobId}/result", Agent);
        functions.Http<NextCommandFunction>("GET", "/api/agents/{agentId}/commands/next", Agent);
        functions.Http<ReportCommandResultFunction>("POST", "/api/agents/{agentId}/commands/{commandId}/result", Agent);
        functions.Http<ListAgentsFunction>("GET", "/api/agents", Viewer);
        functions.Http<GetAgentFunction>("GET", "/api/agents/{agentId}", Viewer);
        functions.Http<CreateEnrolmentTokenFunction>("POST", "/api/agents/enrolment-tokens", Admin);
        functions.Http<RevokeAgentFunction>("POST", "/api/agents/{agentId}/revoke", Admin);

        // Detection and updates, by hand
        functions.Http<CheckNowFunction>("POST", "/api/checks", Operator);
        functions.Http<ListImageChecksFunction>("GET", "/api/checks", Viewer);
        functions.Http<ListCheckHistoryFunction>("GET", "/api/checks/history", Viewer);
        functions.Http<ListContainersFunction>("GET", "/api/containers", Viewer);
        functions.Http<GetContainerFunction>("GET", "/api/containers/{agentId}/{name}", Viewer);
        functions.Http<RegisterContainerFunction>("POST", "/api/containers/{agentId}/{name}/register", Operator);
        functions.Http<UnregisterContainerFunction>("POST", "/api/containers/{agentId}/{name}/unregister", Operator);
        functions.Http<BulkContainerActionsFunction>("POST", "/api/containers/actions", Operator);
        functions.Http<UpdateContainerNowFunction>("POST", "/api/containers/{agentId}/{name}/update", Operator);
        functions.Http<PreviewUpdateFunction>("GET", "/api/containers/{agentId}/{name}/plan", Viewer);
        functions.Http<ListJobsFunction>("GET", "/api/jobs", Viewer);
        functions.Http<UpdateManyNowFunction>("POST", "/api/updates", Operator);
        functions.Http<ListWaitingUpdatesFunction>("GET", "/api/updates/waiting", Viewer);
        functions.Http<ApproveJobFunction>("POST", "/api/jobs/{jobId}/approve", Operator);
        functions.Http<RejectJobFunction>("POST", "/api/jobs/{jobId}/reject", Operator);
        functions.Http<CancelJobFunction>("POST", "/api/jobs/{jobId}/cancel", Operator);

        // Rollouts: a group updated together (rolling or canary), one durable record each, advanced by the AdvanceRollouts timer
        functions.Http<ListRolloutsFunction>("GET", "/api/rollouts", Viewer);
        functions.Http<GetRolloutFunction>("GET", "/api/rollouts/{rolloutId}", Viewer);
        functions.Http<CancelRolloutFunction>("POST", "/api/rollouts/{rolloutId}/cancel", Operator);
        functions.Http<UpdateGroupNowFunction>("POST", "/api/groups/{group}/update", Operator);

        // Registry push webhooks: each delivery authenticated by its provider's secret, then a debounced check of that repository
        functions.Http<ReceiveWebhookFunction>("POST", "/api/webhooks/{provider}", Webhook);
        functions.Http<GetJobFunction>("GET", "/api/jobs/{jobId}", Viewer);

        // Container actions, logs and stats: relayed to the container's agent as commands and answered while the caller waits
        functions.Http<StartContainerActionFunction>("POST", "/api/containers/{agentId}/{name}/start", Operator);
        functions.Http<StopContainerActionFunction>("POST", "/api/containers/{agentId}/{name}/stop", Operator);
        functions.Http<RestartContainerActionFunction>("POST", "/api/containers/{agentId}/{name}/restart", Operator);
        functions.Http<ContainerLogsFunction>("GET", "/api/containers/{agentId}/{name}/logs", Viewer);
        functions.Http<ContainerStatsFunction>("GET", "/api/containers/{agentId}/{name}/stats", Viewer);
        functions.Http<LiveStatsFunction>("GET", "/api/containers/{agentId}/{name}/stats/live", Viewer);

        // Policies: read by anyone signed in, set by operators and admins; every change audited
        functions.Http<ListPoliciesFunction>("GET", "/api/policies", Viewer);
        functions.Http<ValidatePolicyFunction>("POST", "/api/policies/validate", Viewer);
        functions.Http<GetGlobalPolicyFunction>("GET", "/api/policies/global", Viewer);
        functions.Http<SetGlobalPolicyFunction>("PUT", "/api/policies/global", Operator);
        functions.Http<DeleteGlobalPolicyFunction>("DELETE", "/api/policies/global", Operator);
        functions.Http<GetGroupPolicyFunction>("GET", "/api/policies/groups/{group}", Viewer);
        functions.Http<SetGroupPolicyFunction>("PUT", "/api/policies/groups/{group}", Operator);
        functions.Http<DeleteGroupPolicyFunction>("DELETE", "/api/policies/groups/{group}", Operator);
        functions.Http<GetContainerPolicyFunction>("GET", "/api/policies/containers/{agentId}/{name}", Viewer);
        functions.Http<SetContainerPolicyFunction>("PUT", "/api/policies/containers/{agentId}/{name}", Operator);
        functions.Http<DeleteContainerPolicyFunction>("DELETE", "/api/policies/containers/{agentId}/{name}", Operator);
        functions.Http<GetEffectivePolicyFunction>("GET", "/api/containers/{agentId}/{name}/policy", Viewer);

        // Configuration edits: previewed by anyone signed in, applied by operators as an update job (same gate and rollback)
        functions.Http<PreviewConfigFunction>("POST", "/api/containers/{agentId}/{name}/config/preview", Viewer);
        functions.Http<EditConfigFunction>("POST", "/api/containers/{agentId}/{name}/config", Operator);

        // Live events (server-sent events), each caller only what its role may see
        functions.Http<StreamEventsFunction>("GET", "/api/events", Viewer);

        // System: this instance and the store; settings read by anyone signed in, changed by admins
        functions.Http<GetSystemFunction>("GET", "/api/system", Viewer);
        functions.Http<GetSettingsFunction>("GET", "/api/settings", Viewer);
        functions.Http<UpdateSettingsFunction>("PUT", "/api/settings", Admin);

        // System settings (admin)
        functions.Http<ListRegistriesFunction>("GET", "/api/registries", Admin);
        functions.Http<SetRegistryFunction>("PUT", "/api/registries/{host}", Admin);
        functions.Http<DeleteRegistryFunction>("DELETE", "/api/registries/{host}", Admin);
        functions.Http<ListAuditFunction>("GET", "/api/audit", Admin);
        functions.Http<ListWebhooksFunction>("GET", "/api/webhooks", Admin);
        functions.Http<SetWebhookFunction>("PUT", "/api/webhooks/{provider}", Admin);
        functions.Http<DeleteWebhookFunction>("DELETE", "/api/webhooks/{provider}", Admin);

        // The OpenAPI document of all of the above (functions/OpenApi/openapi.json; a route missing from it fails CI)
        functions.Http<GetOpenApiDocumentFunction>("GET", "/api/openapi.json", Anonymous);
    }
}
