using System.Globalization;
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
    /// <param name="startedAt">Just before the container was started: its exits are read from the engine's events since then.</param>
    public async Task<string?> WaitAsync(string containerId, HealthGateSettings settings, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exits = new ExitWatch();
        var watch = WatchExitsAsync(containerId, startedAt, exits, watching.Token);
        try
        {
            return await GateAsync(containerId, settings, exits, cancellationToken);
        }
        finally
        {
            await watching.CancelAsync();
            // Docker.DotNet's event stream may only notice the cancellation at the next event, and a container
            // that exited for good sends none: never let the gate's verdict wait on it.
            await Task.WhenAny(watch, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        }
    }

    private async Task<string?> GateAsync(string containerId, HealthGateSettings settings, ExitWatch exits, CancellationToken cancellationToken)
    {
        var start = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
        var check = start.Config.Healthcheck;
        var hasHealthcheck = start.State.Health is not null && check?.Test is not ["NONE"];
        var started = clock.GetUtcNow();
        var deadline = started + (hasHealthcheck
            ? HealthBudget(check) + TimeSpan.FromSeconds(settings.HealthTimeoutSeconds)
            : TimeSpan.FromSeconds(settings.MonitorWindowSeconds));

        while (true)
        {
            var now = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
            if (await DiedAsync(now, exits, cancellationToken) is { } death)
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

    private async Task<string?> DiedAsync(ContainerInspectResponse container, ExitWatch exits, CancellationToken cancellationToken)
    {
        var state = container.State;
        if (state.OOMKilled || exits.OutOfMemory)
        {
            return "killed for running out of memory (OOM)";
        }

        if (container.RestartCount > 0 || state.Restarting)
        {
            // A restart policy brought it back and the engine's state no longer shows the exit; the die event
            // has the code. It is normally in by now; give the event stream a moment if it is not.
            for (var i = 0; i < 8 && exits.LastExitCode is null; i++)
            {
                await Task.Delay(PollInterval, clock, cancellationToken);
            }

            return $"exited with code {exits.LastExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} and was restarted by its restart policy during the gate";
        }

        return state.Running ? null : $"exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? "" : ": " + state.Error)}";
    }

    private async Task WatchExitsAsync(string containerId, DateTimeOffset since, ExitWatch exits, CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["type"] = new Dictionary<string, bool> { ["container"] = true },
            ["container"] = new Dictionary<string, bool> { [containerId] = true },
        };
        var parameters = new ContainerEventsParameters
        {
            Since = since.AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Filters = filters,
        };
        try
        {
            await docker.System.MonitorEventsAsync(parameters, exits, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or HttpRequestException or IOException)
        {
            // Cancelled at the end of the gate, or the stream broke: an exit code not seen is reported as unknown.
        }
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

    /// <summary>The container's exits and OOM kills as the engine's event stream reports them.</summary>
    private sealed class ExitWatch : IProgress<Message>
    {
        private readonly Lock gate = new();
        private long? lastExitCode;
        private bool outOfMemory;

        public long? LastExitCode
        {
            get
            {
                lock (gate)
                {
                    return lastExitCode;
                }
            }
        }

        public bool OutOfMemory
        {
            get
            {
                lock (gate)
                {
                    return outOfMemory;
                }
            }
        }

        public void Report(Message value)
        {
            lock (gate)
            {
                if (value.Action == "oom")
                {
                    outOfMemory = true;
                }
                else if (value.Action == "die" && value.Actor?.Attributes?.TryGetValue("exitCode", out var code) == true
                    && long.TryParse(code, CultureInfo.InvariantCulture, out var parsed))
                {
                    lastExitCode = parsed;
                }
            }
        }
    }
}
