using System.Net;
using Dockward.Agent.ControlPlane;
using Dockward.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Agent.Commands;

/// <summary>
/// Long-polls the control plane for commands (start, stop, restart, logs, stats) and runs each as it comes, a few
/// at a time and beside any update job, answering each with its result. Independent of the job runner: a long
/// update never holds up a stop or a log read of another container.
/// </summary>
internal sealed class CommandLoop(
    IControlPlaneApi api,
    AgentSession session,
    CommandExecutor executor,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<CommandLoop> logger) : BackgroundService
{
    /// <summary>Commands run at once; the next poll waits for one of them to end.</summary>
    public const int Parallelism = 4;

    /// <summary>A command's limit: the control plane waits 30 s for the answer, so a later one is for nobody.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait before asking again a control plane that has no command route (one older than the agent).</summary>
    private static readonly TimeSpan NoCommandsDelay = TimeSpan.FromMinutes(5);

    // Not disposed: commands still running when the loop ends release their slot after it (it holds no wait handle).
    private readonly SemaphoreSlim slots = new(Parallelism);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var identity = await session.GetAsync(stoppingToken);
            await slots.WaitAsync(stoppingToken);
            var handedOver = false;
            try
            {
                var response = await api.WaitForCommandAsync(identity.AgentId, options.Value.JobWaitSeconds, stoppingToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    session.Reject(identity);
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                {
                    logger.LogInformation("The control plane does not relay commands (an older version); asking again in {Delay}", NoCommandsDelay);
                    await Task.Delay(NoCommandsDelay, clock, stoppingToken);
                    continue;
                }

                if (!response.IsSuccessful)
                {
                    throw response.Error!;
                }

                backoff = TimeSpan.FromSeconds(1);
                if (response.Content is { } command)
                {
                    handedOver = true;
                    _ = RunAsync(identity, command, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Command poll failed ({Error}); retrying in {Delay}", e.Message, backoff);
                await Task.Delay(backoff, clock, stoppingToken);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
            finally
            {
                if (!handedOver)
                {
                    slots.Release();
                }
            }
        }
    }

    private async Task RunAsync(AgentIdentity identity, AgentCommand command, CancellationToken stoppingToken)
    {
        try
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["CommandId"] = command.CommandId, ["Container"] = command.ContainerName });
            CommandResult result;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                timeout.CancelAfter(CommandTimeout);
                try
                {
                    result = await executor.RunAsync(command, timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    result = new CommandResult(false, $"the engine did not finish it within {CommandTimeout.TotalSeconds:F0} s");
                }
            }

            logger.LogInformation("Command {Kind} on {Container}: {Outcome}", command.Kind, command.ContainerName, result.Succeeded ? "done" : result.Error);
            using var report = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            report.CancelAfter(ReportTimeout);
            await api.ReportCommandResultAsync(identity.AgentId, command.CommandId, result, report.Token);
        }
        catch (Refit.ApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            session.Reject(identity);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Nobody waits for it any more (the control plane times a command out): the next one is what counts.
            logger.LogWarning("Could not answer command {CommandId} ({Error})", command.CommandId, e.Message);
        }
        catch (OperationCanceledException)
        {
            // the agent is stopping
        }
        finally
        {
            slots.Release();
        }
    }
}
