using Dockward.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Hosting;

/// <summary>
/// Drives one timer function: waits for each schedule occurrence, claims it through the shared
/// <see cref="TimerLease"/> so exactly one instance runs it, and never overlaps a run still in progress.
/// A tick missed while a run was going on is not replayed; the next one comes on schedule.
/// </summary>
internal sealed class TimerFunctionRunner(
    TimerRegistration timer,
    TimerSchedule schedule,
    IServiceProvider services,
    TimerLease lease,
    FunctionInvoker invoker,
    IOptions<FunctionHostOptions> options,
    TimeProvider clock,
    ILogger<TimerFunctionRunner> logger) : BackgroundService
{
    /// <summary>Identifies this process among the instances sharing one store.</summary>
    internal static readonly string InstanceId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Timer {Function} scheduled \"{Schedule}\", next at {Next:o}", timer.Name, schedule.Expression, schedule.NextAfter(clock.GetUtcNow()));
        while (!stoppingToken.IsCancellationRequested)
        {
            var tick = schedule.NextAfter(clock.GetUtcNow());
            var delay = tick - clock.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, stoppingToken);
            }

            await RunTickAsync(tick, stoppingToken);
        }
    }

    internal async Task RunTickAsync(DateTimeOffset tick, CancellationToken stoppingToken)
    {
        // The lease outlives the invocation's own timeout a little, so a crashed holder frees it soon after.
        var leaseFor = options.Value.FunctionTimeout + TimeSpan.FromSeconds(30);
        TimerLeaseRecord? held;
        try
        {
            held = await lease.TryClaimAsync(timer.Name, tick, InstanceId, leaseFor, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError("Timer {Function} skipped tick {Tick:o}: the lease store is unreachable ({Error})", timer.Name, tick, e.Message);
            return;
        }

        if (held is null)
        {
            logger.LogDebug("Timer {Function} tick {Tick:o} runs elsewhere or already ran", timer.Name, tick);
            return;
        }

        await invoker.InvokeTimerAsync(services, timer, new TimerInfo(tick, schedule.NextAfter(tick)), stoppingToken);

        try
        {
            await lease.ReleaseAsync(held, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning("Timer {Function} could not release its lease; it expires by itself ({Error})", timer.Name, e.Message);
        }
    }
}
