using Dockward.Contracts;
using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Commands;

/// <summary>Reads a container's logs and a stats sample through its agent (reads: managed or not, no update in the way).</summary>
internal sealed class ContainerReads(
    IContainerStore containers,
    IAgentStore agents,
    CommandRelay relay,
    IOptions<CommandsOptions> options,
    IOptions<AgentsOptions> agentOptions,
    TimeProvider clock)
{
    /// <summary>Whether the agent has reported the container.</summary>
    public async Task<bool> ExistsAsync(string agentId, string name, CancellationToken cancellationToken) =>
        await containers.GetAsync(agentId, name, cancellationToken) is not null;

    public async Task<ContainerRead<IReadOnlyList<LogLine>>> LogsAsync(string agentId, string name, LogRequest request, CancellationToken cancellationToken)
    {
        var (status, result, detail) = await SendAsync(agentId, name, CommandKinds.Logs, request, cancellationToken);
        return new(status, status == ContainerReadStatus.Read ? result!.Lines ?? [] : null, detail);
    }

    public async Task<ContainerRead<ContainerStats>> StatsAsync(string agentId, string name, CancellationToken cancellationToken)
    {
        var (status, result, detail) = await SendAsync(agentId, name, CommandKinds.Stats, null, cancellationToken);
        return status == ContainerReadStatus.Read && result!.Stats is null
            ? new(ContainerReadStatus.Failed, null, "The agent answered without a sample.")
            : new(status, result?.Stats, detail);
    }

    private async Task<(ContainerReadStatus, CommandResult?, string?)> SendAsync(
        string agentId, string name, string kind, LogRequest? logs, CancellationToken cancellationToken)
    {
        var agent = await agents.GetAsync(agentId, cancellationToken);
        if (agent is null || await containers.GetAsync(agentId, name, cancellationToken) is null)
        {
            return (ContainerReadStatus.NotFound, null, $"No container '{name}' on agent '{agentId}'.");
        }

        if (!AgentPresence.IsOnline(agent, clock.GetUtcNow(), TimeSpan.FromSeconds(agentOptions.Value.OfflineAfterSeconds)))
        {
            return (ContainerReadStatus.AgentOffline, null, $"Agent '{agentId}' is offline (last heard from {agent.LastSeenAt:o}).");
        }

        var timeout = options.Value.ReadTimeoutSeconds;
        var reply = await relay.SendAsync(agentId, kind, name, logs, TimeSpan.FromSeconds(timeout), cancellationToken);
        return reply.Result switch
        {
            { Succeeded: true } result => (ContainerReadStatus.Read, result, null),
            { } result => (ContainerReadStatus.Failed, result, result.Error ?? "The agent failed without saying why."),
            null => (ContainerReadStatus.TimedOut, null, $"Agent '{agentId}' did not answer within {timeout} s."),
        };
    }
}
