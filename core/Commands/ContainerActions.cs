using Dockward.Contracts;
using Dockward.Core.Agents;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Updates;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Commands;

/// <summary>
/// Starts, stops and restarts one container through its agent, refusing when that could not or should not happen
/// (agent offline, container not managed, an update of it in flight). Audited and published as <c>container.action</c>;
/// one call per container, so a bulk action reports per container.
/// </summary>
internal sealed class ContainerActions(
    IContainerStore containers,
    IAgentStore agents,
    IUpdateJobStore jobs,
    IPolicyStore policyStore,
    PolicyResolver policies,
    CommandRelay relay,
    AuditTrail audit,
    EventLog events,
    IOptions<CommandsOptions> options,
    IOptions<AgentsOptions> agentOptions,
    TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Actions = [CommandKinds.Start, CommandKinds.Stop, CommandKinds.Restart];

    public async Task<ContainerActionOutcome> RunAsync(string agentId, string name, string action, Actor actor, CancellationToken cancellationToken)
    {
        if (!Actions.Contains(action, StringComparer.Ordinal))
        {
            return new(agentId, name, action, ContainerActionStatus.UnknownAction, null, $"'{action}' is not an action: start, stop or restart.");
        }

        var container = await containers.GetAsync(agentId, name, cancellationToken);
        var agent = container is null ? null : await agents.GetAsync(agentId, cancellationToken);
        if (container is null || agent is null)
        {
            return new(agentId, name, action, ContainerActionStatus.NotFound, null, $"No container '{name}' on agent '{agentId}'.");
        }

        var refusal = await RefusalAsync(agent, container, cancellationToken);
        if (refusal is not null)
        {
            var refused = new ContainerActionOutcome(agentId, name, action, refusal.Value.Status, null, refusal.Value.Detail);
            await audit.FailedAsync(actor, $"container.{action}", $"{agentId}/{name}", $"refused: {refused.Detail}", cancellationToken);
            return refused;
        }

        CommandReply reply;
        try
        {
            reply = await relay.SendAsync(agentId, action, name, null, TimeSpan.FromSeconds(options.Value.ActionTimeoutSeconds), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller left (or the host stops): the relay withdrew the command unless the agent had taken it, and
            // then it may have happened, so the audit log says so whatever became of the request.
            await audit.FailedAsync(actor, $"container.{action}", $"{agentId}/{name}",
                "the caller went away before the agent answered; if the agent had taken it, it may have happened", CancellationToken.None);
            throw;
        }

        var outcome = reply.Result switch
        {
            { Succeeded: true } result => new ContainerActionOutcome(agentId, name, action, ContainerActionStatus.Done, result.State, null),
            { } result => new(agentId, name, action, ContainerActionStatus.Failed, result.State, result.Error ?? "The agent failed without saying why."),
            null => new(agentId, name, action, ContainerActionStatus.TimedOut, null, reply.Delivered
                ? $"Agent '{agentId}' took the {action} but did not answer within {options.Value.ActionTimeoutSeconds} s; it may still have happened."
                : $"Agent '{agentId}' did not take the {action} within {options.Value.ActionTimeoutSeconds} s; it was withdrawn and will not happen."),
        };

        await audit.RecordAsync(actor, $"container.{action}", $"{agentId}/{name}",
            outcome.Status == ContainerActionStatus.Done ? AuditResult.Success : AuditResult.Failure,
            outcome.Detail ?? $"now {outcome.State}", cancellationToken);
        await events.PublishAsync(EventTypes.ContainerAction, new
        {
            agentId,
            name,
            action,
            outcome = outcome.Status == ContainerActionStatus.Done ? "done" : outcome.Status == ContainerActionStatus.Failed ? "failed" : "timed_out",
            state = outcome.State,
            error = outcome.Detail,
            actor = actor.Name,
        }, agentId, name, cancellationToken: cancellationToken);
        return outcome;
    }

    private async Task<(ContainerActionStatus Status, string Detail)?> RefusalAsync(AgentRecord agent, ContainerRecord container, CancellationToken cancellationToken)
    {
        if (!AgentPresence.IsOnline(agent, clock.GetUtcNow(), TimeSpan.FromSeconds(agentOptions.Value.OfflineAfterSeconds)))
        {
            return (ContainerActionStatus.AgentOffline, $"Agent '{agent.Id}' is offline (last heard from {agent.LastSeenAt:o}).");
        }

        if (!policies.Resolve(container, await PolicyBook.ReadAsync(policyStore, cancellationToken)).Managed)
        {
            return (ContainerActionStatus.NotManaged, $"Container '{container.Name}' is not managed by Dockward.");
        }

        var active = (await jobs.ListForContainerAsync(agent.Id, container.Name, cancellationToken)).FirstOrDefault(j => j.IsActive);
        return active is null
            ? null
            : (ContainerActionStatus.UpdateInProgress, $"An update of '{container.Name}' is {active.State.ToString().ToLowerInvariant()} (job {active.Id}).");
    }
}
