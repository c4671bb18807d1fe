using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// Decides whether a freshly started container is good. With a HEALTHCHECK it must turn <c>healthy</c> within
/// the check's own timing plus a margin; then (at once, without a HEALTHCHECK) it must go on running for the
/// whole monitor window: still healthy, its restart count unchanged, no exit and no OOM kill.
/// </summary>
internal sealed class HealthGate(IDockerClient docker, TimeProvider clock)
{
    /// <summary>The control plane's own upper bound for a window or a margin: a bad job cannot hold the gate for ever.</summary>
    private const int MaxSettingSeconds = 3600;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The most an image's HEALTHCHECK timing is trusted with: an image asking for days gets this.</summary>
    private static readonly TimeSpan MaxHealthBudget = TimeSpan.FromHours(1);

    /// <summary>
    /// Null when a job's gate settings are usable (each 1…3600 s, the control plane's own range); otherwise why
    /// not. Meant to be checked before anything is changed, so a bad job is refused instead of rolled back.
    /// </summary>
    public static string? Validate(HealthGateSettings? settings) => settings switch
    {
        null => "the job has no health gate settings",
        { MonitorWindowSeconds: < 1 or > MaxSettingSeconds } => Invariant($"the monitor window must be 1 to {MaxSettingSeconds} seconds, not {settings.MonitorWindowSeconds}"),
        { HealthTimeoutSeconds: < 1 or > MaxSettingSeconds } => Invariant($"the health timeout must be 1 to {MaxSettingSeconds} seconds, not {settings.HealthTimeoutSeconds}"),
        _ => null,
    };

    /// <summary>Null when the container passed; otherwise why it did not, in words for the person reading the job.</summary>
    /// <param name="containerId">The container just started.</param>
    /// <param name="settings">The monitor window and the margin on top of the HEALTHCHECK's timing; out-of-range values are clamped to 0…3600 s.</param>
    /// <param name="startedAt">Just before the container was started: its exits and health changes are read from the engine's events since then.</param>
    /// <param name="cancellationToken">Cuts the gate short (the caller then rolls back).</param>
    public async Task<string?> WaitAsync(string containerId, HealthGateSettings settings, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = new GateEvents();
        var watch = WatchEventsAsync(containerId, startedAt, events, watching.Token);
        try
        {
            return await GateAsync(containerId, settings, events, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return "the container was removed while the gate watched it";
        }
        finally
        {
            await watching.CancelAsync();
            // Docker.DotNet's event stream may only notice the cancellation at the next event, and a container
            // that exited for good sends none: never let the gate's verdict wait on it.
            await Task.WhenAny(watch, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        }
    }

    private async Task<string?> GateAsync(string containerId, HealthGateSettings settings, GateEvents events, CancellationToken cancellationToken)
    {
        var window = Seconds(settings.MonitorWindowSeconds);
        var margin = Seconds(settings.HealthTimeoutSeconds);
        var first = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
        var check = first.Config.Healthcheck;
        var hasHealthcheck = first.State.Health is not null && check?.Test is not ["NONE"];
        var ownTiming = HealthBudget(check);
        var restarts = first.RestartCount;
        var started = clock.GetUtcNow();

        // When the monitor window began: at once without a HEALTHCHECK, at the first healthy report with one.
        DateTimeOffset? healthySince = hasHealthcheck ? null : started;
        while (true)
        {
            var now = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
            var at = clock.GetUtcNow();
            if (await DiedAsync(now, restarts, events, cancellationToken) is { } death)
            {
                return death + When(hasHealthcheck, healthySince, at, window);
            }

            if (hasHealthcheck)
            {
                // The event stream catches a change that fell between two polls; the poll catches a lost stream.
                var status = now.State.Health?.Status;
                var unhealthy = status == "unhealthy" || events.Unhealthy;
                if (healthySince is { } since && unhealthy)
                {
                    return Invariant($"turned unhealthy {(at - since).TotalSeconds:F1} s after it was healthy, inside the {window.TotalSeconds:F0} s monitor window (last probe: {LastProbe(now)})");
                }

                if (healthySince is null)
                {
                    if (unhealthy)
                    {
                        return $"never turned healthy: its HEALTHCHECK reported unhealthy (last probe: {LastProbe(now)})";
                    }

                    if (status == "healthy" || events.Healthy)
                    {
                        healthySince = at;
                    }
                    else if (at - started >= ownTiming + margin)
                    {
                        return Invariant($"not healthy within {(ownTiming + margin).TotalSeconds:F0} s (its HEALTHCHECK timing of {ownTiming.TotalSeconds:F0} s plus a {margin.TotalSeconds:F0} s margin); still {status ?? "without a health status"}, last probe: {LastProbe(now)}");
                    }
                }
            }

            if (healthySince is { } watchedFrom && at - watchedFrom >= window)
            {
                return null;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    /// <summary>Why the container is no longer the one that was started and left running, or null.</summary>
    private async Task<string?> DiedAsync(ContainerInspectResponse container, long restartsAtStart, GateEvents events, CancellationToken cancellationToken)
    {
        var state = container.State;
        if (state.OOMKilled || events.OutOfMemory)
        {
            return "killed for running out of memory (OOM)";
        }

        if (!state.Running && !state.Restarting)
        {
            return $"exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? "" : ": " + state.Error)}";
        }

        if (container.RestartCount != restartsAtStart || state.Restarting || events.Died)
        {
            // Back (or coming back) already, so the engine's state no longer shows the exit; the die event has
            // the code. It is normally in by now; give the event stream a moment if it is not.
            for (var i = 0; i < 8 && events.LastExitCode is null; i++)
            {
                await Task.Delay(PollInterval, clock, cancellationToken);
            }

            var code = events.LastExitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
            return container.RestartCount > 0 || state.Restarting
                ? $"exited with code {code} and was restarted by its restart policy"
                : $"exited with code {code} and was started again";
        }

        return state.Paused ? "was paused" : null;
    }

    /// <summary>Where in the gate a failure came, so the reason says whether the container had ever looked good.</summary>
    private static string When(bool hasHealthcheck, DateTimeOffset? healthySince, DateTimeOffset at, TimeSpan window) => (hasHealthcheck, healthySince) switch
    {
        (true, { } since) => Invariant($", {(at - since).TotalSeconds:F1} s after it turned healthy (monitor window {window.TotalSeconds:F0} s)"),
        (true, null) => " before it turned healthy",
        _ => Invariant($" within the {window.TotalSeconds:F0} s monitor window"),
    };

    private async Task WatchEventsAsync(string containerId, DateTimeOffset since, GateEvents events, CancellationToken cancellationToken)
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
            await docker.System.MonitorEventsAsync(parameters, events, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or HttpRequestException or IOException)
        {
            // Cancelled at the end of the gate, or the stream broke: the polls still see every lasting change,
            // and an exit code not seen is reported as unknown.
        }
    }

    private static TimeSpan Seconds(int value) => TimeSpan.FromSeconds(Math.Clamp(value, 0, MaxSettingSeconds));

    /// <summary>The longest a HEALTHCHECK may take to turn healthy by its own settings (Docker's defaults when unset).</summary>
    private static TimeSpan HealthBudget(HealthConfig? check)
    {
        static TimeSpan OrDefault(TimeSpan? value, TimeSpan fallback) => value is { } v && v > TimeSpan.Zero ? v : fallback;
        var interval = OrDefault(check?.Interval, TimeSpan.FromSeconds(30));
        var timeout = OrDefault(check?.Timeout, TimeSpan.FromSeconds(30));
        var retries = check?.Retries is > 0 and < 1000 ? check.Retries : 3;
        // Docker.DotNet keeps StartPeriod as the engine's nanoseconds.
        var startPeriod = TimeSpan.FromTicks(Math.Clamp(check?.StartPeriod ?? 0, 0, MaxHealthBudget.Ticks * 100) / 100);
        var budget = startPeriod + (Min(interval + timeout, MaxHealthBudget) * retries);
        return Min(budget, MaxHealthBudget);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string LastProbe(ContainerInspectResponse container)
    {
        var last = container.State.Health?.Log?.LastOrDefault();
        var output = last?.Output?.Trim();
        return last is null ? "no probe ran yet" : string.IsNullOrEmpty(output) ? $"exit {last.ExitCode}" : $"exit {last.ExitCode}: {output}";
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>What the engine's event stream reported about the container since it was started.</summary>
    private sealed class GateEvents : IProgress<Message>
    {
        private readonly Lock gate = new();
        private long? lastExitCode;
        private bool died;
        private bool outOfMemory;
        private bool healthy;
        private bool unhealthy;

        public long? LastExitCode => Read(() => lastExitCode);

        public bool Died => Read(() => died);

        public bool OutOfMemory => Read(() => outOfMemory);

        public bool Healthy => Read(() => healthy);

        public bool Unhealthy => Read(() => unhealthy);

        public void Report(Message value)
        {
            lock (gate)
            {
                switch (value.Action)
                {
                    case "oom":
                        outOfMemory = true;
                        break;
                    case "die":
                        died = true;
                        if (value.Actor?.Attributes?.TryGetValue("exitCode", out var code) == true
                            && long.TryParse(code, CultureInfo.InvariantCulture, out var parsed))
                        {
                            lastExitCode = parsed;
                        }

                        break;
                    // moby logs health changes as "health_status: " + the new status.
                    case "health_status: healthy":
                        healthy = true;
                        break;
                    case "health_status: unhealthy":
                        unhealthy = true;
                        break;
                }
            }
        }

        private T Read<T>(Func<T> read)
        {
            lock (gate)
            {
                return read();
            }
        }
    }
}
