using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Agent.Inventory;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Commands;

/// <summary>
/// Carries out one <see cref="AgentCommand"/> against the engine and says how it went. Never throws for the
/// command's own failures (unknown kind, no such container, an engine error): those are failed results.
/// </summary>
internal sealed class CommandExecutor(
    IDockerClient docker,
    StatsSampler sampler,
    ContainerLogReader logs,
    UpdatesInProgress updates,
    ILogger<CommandExecutor> logger)
{
    /// <summary>The error of a start, stop or restart of a container an update job is working on.</summary>
    public const string UpdateInProgress = "an update of it is in progress";

    public const string NoSuchContainer = "no such container";

    /// <summary>How long a stop waits for the container to end before the engine kills it.</summary>
    public const int StopSeconds = 10;

    public async Task<CommandResult> RunAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        if (!CommandKinds.All.Contains(command.Kind, StringComparer.Ordinal))
        {
            return Failed($"unknown command kind '{ReportLimits.Truncate(command.Kind, 64)}'");
        }

        if (string.IsNullOrWhiteSpace(command.ContainerName))
        {
            return Failed("the command names no container");
        }

        // Reading logs or stats does not disturb an update, and is how one watches it.
        if (command.Kind is CommandKinds.Start or CommandKinds.Stop or CommandKinds.Restart && updates.IsUpdating(command.ContainerName))
        {
            return Failed(UpdateInProgress);
        }

        try
        {
            return command.Kind switch
            {
                CommandKinds.Start => await StartAsync(command.ContainerName, cancellationToken),
                CommandKinds.Stop => await StopAsync(command.ContainerName, cancellationToken),
                CommandKinds.Restart => await RestartAsync(command.ContainerName, cancellationToken),
                CommandKinds.Logs => await LogsAsync(command.ContainerName, command.Logs, cancellationToken),
                _ => await StatsAsync(command.ContainerName, cancellationToken),
            };
        }
        catch (DockerContainerNotFoundException)
        {
            return Failed(NoSuchContainer);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Command {Kind} on {Container} failed: {Error}", command.Kind, command.ContainerName, DockerErrors.Describe(e));
            return Failed(ReportLimits.Truncate(DockerErrors.Describe(e)));
        }
    }

    private async Task<CommandResult> StartAsync(string name, CancellationToken cancellationToken)
    {
        // False when it already runs: the state asked for is the state it is in.
        await docker.Containers.StartContainerAsync(name, new ContainerStartParameters(), cancellationToken);
        return await StateAsync(name, cancellationToken);
    }

    private async Task<CommandResult> StopAsync(string name, CancellationToken cancellationToken)
    {
        await docker.Containers.StopContainerAsync(name, new ContainerStopParameters { WaitBeforeKillSeconds = StopSeconds }, cancellationToken);
        return await StateAsync(name, cancellationToken);
    }

    private async Task<CommandResult> RestartAsync(string name, CancellationToken cancellationToken)
    {
        await docker.Containers.RestartContainerAsync(name, new ContainerRestartParameters { WaitBeforeKillSeconds = StopSeconds }, cancellationToken);
        return await StateAsync(name, cancellationToken);
    }

    private async Task<CommandResult> StateAsync(string name, CancellationToken cancellationToken)
    {
        var container = await docker.Containers.InspectContainerAsync(name, cancellationToken);
        return new CommandResult(true, null, State: container.State.Status);
    }

    private async Task<CommandResult> LogsAsync(string name, LogRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Failed("a logs command needs a log request");
        }

        // By id: a container renamed between the inspect and the read is still the one inspected.
        var container = await docker.Containers.InspectContainerAsync(name, cancellationToken);
        var lines = await logs.ReadAsync(container.ID, container.Config?.Tty ?? false, request, cancellationToken);
        return new CommandResult(true, null, Lines: lines);
    }

    private async Task<CommandResult> StatsAsync(string name, CancellationToken cancellationToken)
    {
        var container = await docker.Containers.InspectContainerAsync(name, cancellationToken);
        if (container.State?.Running != true)
        {
            return Failed($"the container is not running (it is {container.State?.Status ?? "unknown"})");
        }

        var sample = await sampler.SampleAsync(container.ID, container.Name.TrimStart('/'), cancellationToken);
        return sample.Stats is { } stats ? new CommandResult(true, null, Stats: stats) : Failed(sample.Error);
    }

    private static CommandResult Failed(string? error) => new(false, error ?? "failed");
}
