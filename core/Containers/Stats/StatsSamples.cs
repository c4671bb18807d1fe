using System.Text.RegularExpressions;
using Dockward.Contracts;

namespace Dockward.Core.Containers.Stats;

/// <summary>Checks resource samples from an agent: a Docker container name, finite non-negative numbers.</summary>
internal static partial class StatsSamples
{
    /// <summary>Most samples one inventory report may carry (far more containers than one host runs).</summary>
    public const int MaxPerReport = 5000;

    /// <summary>What is wrong with <paramref name="sample"/>, named by <paramref name="path"/>; null when nothing is.</summary>
    public static string? Problem(ContainerStats sample, string path)
    {
        if (sample is null)
        {
            return $"{path} is null.";
        }

        if (sample.ContainerName is null || sample.ContainerName.Length > 255 || !ContainerName().IsMatch(sample.ContainerName))
        {
            return $"{path}.containerName '{ReportLimits.Truncate(sample.ContainerName, 80)}' is not a Docker container name.";
        }

        if (sample.CpuPercent is { } cpu && (!double.IsFinite(cpu) || cpu < 0))
        {
            return $"{path}.cpuPercent must be a finite number of at least 0.";
        }

        return new[] { sample.MemoryBytes, sample.MemoryLimitBytes, sample.NetworkRxBytes, sample.NetworkTxBytes, sample.BlockReadBytes, sample.BlockWriteBytes }
            .Any(n => n < 0)
            ? $"{path}: byte counts may not be negative."
            : null;
    }

    /// <summary>What is wrong with the samples of one inventory report; null when nothing is (or there are none).</summary>
    public static string? Problem(IReadOnlyList<ContainerStats>? samples)
    {
        if (samples is null)
        {
            return null;
        }

        if (samples.Count > MaxPerReport)
        {
            return $"stats may hold at most {MaxPerReport} samples.";
        }

        for (var i = 0; i < samples.Count; i++)
        {
            if (Problem(samples[i], $"stats[{i}]") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex ContainerName();
}
