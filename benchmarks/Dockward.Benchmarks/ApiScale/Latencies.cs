namespace Dockward.Benchmarks.ApiScale;

/// <summary>The durations of one kind of request in milliseconds, their percentiles (nearest rank) and the answers' sizes. Thread-safe.</summary>
internal sealed class Latencies(string name)
{
    private readonly List<double> milliseconds = [];
    private long bytes;

    public string Name { get; } = name;

    public int Count
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count;
            }
        }
    }

    /// <summary>The mean size of the answers' bodies.</summary>
    public double MeanBytes
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count == 0 ? 0 : (double)bytes / milliseconds.Count;
            }
        }
    }

    public void Add(ApiAnswer answer)
    {
        lock (milliseconds)
        {
            milliseconds.Add(answer.Elapsed.TotalMilliseconds);
            bytes += answer.Body.Length;
        }
    }

    public void AddAll(Latencies other)
    {
        var (theirs, theirBytes) = other.Snapshot();
        lock (milliseconds)
        {
            milliseconds.AddRange(theirs);
            bytes += theirBytes;
        }
    }

    /// <summary>The smallest duration at least <paramref name="percent"/> % of the requests took no longer than; 0 without requests.</summary>
    public double Percentile(double percent)
    {
        var sorted = Sorted();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public double Max => Sorted() is { Length: > 0 } sorted ? sorted[^1] : 0;

    private (double[] Milliseconds, long Bytes) Snapshot()
    {
        lock (milliseconds)
        {
            return ([.. milliseconds], bytes);
        }
    }

    private double[] Sorted()
    {
        lock (milliseconds)
        {
            return [.. milliseconds.Order()];
        }
    }
}
