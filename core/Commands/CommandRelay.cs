using Dockward.Contracts;
using Dockward.Core.Events;
using Dockward.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Commands;

/// <summary>
/// Relays short commands to agents through the store: the caller writes a command and polls for its answer, the
/// agent's long poll claims it (conditionally, so two polls never take one command) and its answer is written back.
/// Every step is a store read or write, so the caller, the agent's poll and its answer may each meet a different
/// control-plane instance.
/// </summary>
internal sealed class CommandRelay(IAgentCommandStore store, TimeProvider clock, ILogger<CommandRelay> logger)
{
    private static readonly TimeSpan AnswerPoll = TimeSpan.FromMilliseconds(150);
    // Every waiting agent polls: 100 agents are 200 store reads a second at this pace.
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Sends a command to <paramref name="agentId"/> and waits up to <paramref name="timeout"/> for its answer. A command
    /// nobody took by then is expired, also when the caller goes away first.
    /// </summary>
    public async Task<CommandReply> SendAsync(
        string agentId, string kind, string containerName, LogRequest? logs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var command = await store.AddAsync(
            new CommandRecord(EventIds.New(now), agentId, containerName, kind, logs, CommandState.Pending, now, now + timeout), cancellationToken);
        try
        {
            while (true)
            {
                await Task.Delay(AnswerPoll, clock, cancellationToken);
                var current = await store.GetAsync(agentId, command.Id, cancellationToken);
                switch (current)
                {
                    case null or { State: CommandState.Expired }:
                        return new CommandReply(null, Delivered: false);
                    case { State: CommandState.Done }:
                        return new CommandReply(current.Result, Delivered: true);
                    case { State: CommandState.Claimed } when clock.GetUtcNow() >= command.ExpiresAt:
                        return new CommandReply(null, Delivered: true);
                    case { State: CommandState.Pending } when clock.GetUtcNow() >= command.ExpiresAt:
                        return await ExpireAsync(current, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller went away: a stop nobody waits for any more must not run when the agent polls later.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (await store.GetAsync(agentId, command.Id, cleanup.Token) is { State: CommandState.Pending } pending)
            {
                await ExpireAsync(pending, cleanup.Token);
            }

            throw;
        }
    }

    /// <summary>Expires a pending command; when the agent's poll claimed or answered it meanwhile, says so instead.</summary>
    private async Task<CommandReply> ExpireAsync(CommandRecord pending, CancellationToken cancellationToken)
    {
        try
        {
            await store.UpdateAsync(pending with { State = CommandState.Expired }, cancellationToken);
            logger.LogInformation("Command {CommandId} ({CommandKind} {Container}) for {AgentId} expired untaken",
                pending.Id, pending.Kind, pending.ContainerName, pending.AgentId);
            return new CommandReply(null, Delivered: false);
        }
        catch (ConcurrencyConflictException)
        {
            var current = await store.GetAsync(pending.AgentId, pending.Id, cancellationToken);
            return new CommandReply(current?.State == CommandState.Done ? current.Result : null, current?.State is CommandState.Claimed or CommandState.Done);
        }
    }

    /// <summary>
    /// Claims the agent's oldest pending command, waiting up to <paramref name="wait"/> for one to appear; null when none did.
    /// Commands past their time are expired on the way, never handed out.
    /// </summary>
    public async Task<AgentCommand?> NextAsync(string agentId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + wait;
        while (true)
        {
            foreach (var pending in await store.ListPendingAsync(agentId, cancellationToken))
            {
                var now = clock.GetUtcNow();
                var stale = now >= pending.ExpiresAt;
                try
                {
                    var changed = await store.UpdateAsync(
                        stale ? pending with { State = CommandState.Expired } : pending with { State = CommandState.Claimed, ClaimedAt = now },
                        cancellationToken);
                    if (!stale)
                    {
                        return changed.ToCommand();
                    }
                }
                catch (ConcurrencyConflictException)
                {
                    // Another poll (another instance, or a reconnecting agent) took it first, or its sender expired it.
                }
            }

            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < ClaimPoll ? left : ClaimPoll, clock, cancellationToken);
        }
    }

    /// <summary>Records the agent's answer to a command it was handed; the first answer stands.</summary>
    public async Task<CommandCompletion> CompleteAsync(string agentId, string commandId, CommandResult result, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var command = await store.GetAsync(agentId, commandId, cancellationToken);
            switch (command?.State)
            {
                case CommandState.Done:
                    return CommandCompletion.Repeated;
                case CommandState.Claimed:
                    try
                    {
                        await store.UpdateAsync(command with { State = CommandState.Done, Result = result }, cancellationToken);
                        return CommandCompletion.Accepted;
                    }
                    catch (ConcurrencyConflictException) when (attempt < 3)
                    {
                        // A retried answer raced its original: read again, and the first one stands.
                    }

                    break;
                default:
                    return CommandCompletion.Unknown;
            }
        }
    }

    /// <summary>Deletes commands older than <paramref name="retention"/>; returns how many.</summary>
    public Task<int> PruneAsync(TimeSpan retention, CancellationToken cancellationToken) =>
        store.PruneAsync(clock.GetUtcNow() - retention, cancellationToken);
}
