using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// Decides whether a freshly started container is good: <c>healthy</c> within its HEALTHCHECK timing plus a
/// margin when it has one; otherwise running for the whole monitor window with no restart, exit or OOM kill.
/// </summary>
internal sealed class HealthGate(IDockerClient docker, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Null when the container passed; otherwise why it did not.</summary>
    public async Task<string?> WaitAsync(string containerId, HealthGateSettings settings, CancellationToken cancellationToken)
    {
        var start = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
        var restarts = start.RestartCount;
        var check = start.Config.Healthcheck;
        var hasHealthcheck = start.State.Health is not null && check?.Test is not ["NONE"];
        var started = clock.GetUtcNow();
        var deadline = started + (hasHealthcheck
            ? HealthBudget(check) + TimeSpan.FromSeconds(settings.HealthTimeoutSeconds)
            : TimeSpan.FromSeconds(settings.MonitorWindowSeconds));

        while (true)
        {
            var now = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
            if (Died(now, restarts) is { } death)
            {
                return death;
            }

            if (hasHealthcheck)
            {
                switch (now.State.Health?.Status)
                {
                    case "healthy":
                        return null;
                    case "unhealthy":
                        return $"HEALTHCHECK reported unhealthy: {LastProbe(now)}";
                }
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return hasHealthcheck
                    ? $"not healthy within {(deadline - started).TotalSeconds:F0} s (last probe: {LastProbe(now)})"
                    : null;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    private static string? Died(ContainerInspectResponse container, long restartsAtStart)
    {
        var state = container.State;
        if (state.OOMKilled)
        {
            return "killed for running out of memory (OOM)";
        }

        if (container.RestartCount != restartsAtStart || state.Restarting)
        {
            return $"exited with code {state.ExitCode} and was restarted by its restart policy during the gate";
        }

        return state.Running ? null : $"exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? "" : ": " + state.Error)}";
    }

    /// <summary>The longest a HEALTHCHECK may take to turn healthy by its own settings (Docker's defaults when unset).</summary>
    private static TimeSpan HealthBudget(HealthConfig? check)
    {
        static TimeSpan OrDefault(TimeSpan? value, TimeSpan fallback) => value is { } v && v > TimeSpan.Zero ? v : fallback;
        var interval = OrDefault(check?.Interval, TimeSpan.FromSeconds(30));
        var timeout = OrDefault(check?.Timeout, TimeSpan.FromSeconds(30));
        var retries = check?.Retries is > 0 ? check.Retries : 3;
        // Docker.DotNet keeps StartPeriod as the engine's nanoseconds.
        var startPeriod = TimeSpan.FromTicks((check?.StartPeriod ?? 0) / 100);
        return startPeriod + ((interval + timeout) * retries);
    }

    private static string LastProbe(ContainerInspectResponse container)
    {
        var last = container.State.Health?.Log?.LastOrDefault();
        return last is null ? "no probe ran yet" : $"exit {last.ExitCode}: {last.Output?.Trim()}";
    }
}
