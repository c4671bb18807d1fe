using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Contracts;
using Microsoft.Extensions.Logging;

namespace Dockward.Agent.Inventory;

/// <summary>
/// Reads resource samples of running containers: one one-shot stats read each, the CPU share computed against
/// the previous read of the same container (by the inventory report or a stats command, whichever came last).
/// </summary>
internal sealed class StatsSampler(IDockerClient docker, TimeProvider clock, ILogger<StatsSampler> logger)
{
    /// <summary>How many containers are read at once: each read is one engine request.</summary>
    public const int Parallelism = 4;

    /// <summary>One read's limit: a container whose cgroup the engine cannot read in this time is skipped.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, StatsReading.CpuCounters> previous = new(StringComparer.Ordinal);

    /// <summary>One sample of <paramref name="containerId"/>, or the engine's error when it could not be read.</summary>
    public async Task<StatsSample> SampleAsync(string containerId, string containerName, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        ContainerStatsResponse? read = null;
        try
        {
            // OneShot (API 1.41): the engine answers at once instead of waiting a second for a second read.
            await docker.Containers.GetContainerStatsAsync(
                containerId,
                new ContainerStatsParameters { Stream = false, OneShot = true },
                new Progress(r => read ??= r),
                timeout.Token);
        }
        catch (DockerContainerNotFoundException)
        {
            previous.TryRemove(containerId, out _);
            return new StatsSample(null, "no such container");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StatsSample(null, $"the engine did not answer within {ReadTimeout.TotalSeconds:F0} s");
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            return new StatsSample(null, DockerErrors.Describe(e));
        }

        if (read is null)
        {
            return new StatsSample(null, "the engine sent no stats");
        }

        var counters = StatsReading.Counters(read);
        previous.TryGetValue(containerId, out var before);
        previous[containerId] = counters;
        return new StatsSample(StatsReading.Sample(containerName, clock.GetUtcNow(), read, before), null);
    }

    /// <summary>
    /// Samples of every running container in <paramref name="containers"/>, read a few at a time until
    /// <paramref name="budget"/> is spent: what was read by then is returned, a failed read is left out.
    /// </summary>
    public async Task<IReadOnlyList<ContainerStats>> SampleRunningAsync(IReadOnlyList<ContainerSnapshot> containers, TimeSpan budget, CancellationToken cancellationToken)
    {
        var running = containers.Where(c => c.State == "running").ToList();
        foreach (var gone in previous.Keys.Except(running.Select(c => c.Id)))
        {
            previous.TryRemove(gone, out _);
        }

        var samples = new ConcurrentBag<ContainerStats>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            await Parallel.ForEachAsync(
                running,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = deadline.Token },
                async (container, ct) =>
                {
                    var sample = await SampleAsync(container.Id, container.Name, ct);
                    if (sample.Stats is { } stats)
                    {
                        samples.Add(stats);
                    }
                    else
                    {
                        logger.LogDebug("No stats sample of {Container}: {Error}", container.Name, sample.Error);
                    }
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Stats sampling stopped after {Budget}: {Count} of {Running} containers read", budget, samples.Count, running.Count);
        }

        return [.. samples.OrderBy(s => s.ContainerName, StringComparer.Ordinal)];
    }

    /// <summary>Takes the reads as they come (a synchronous IProgress: <c>Progress&lt;T&gt;</c> would post them later).</summary>
    private sealed class Progress(Action<ContainerStatsResponse> report) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => report(value);
    }
}
