using System.Diagnostics;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// Wall time, peak memory and allocations of one timed run. The process's peak working set is reset at the start
/// (Linux: <c>echo 5 &gt; /proc/self/clear_refs</c> resets VmHWM, see proc(5)), so the peak is this run's, not the
/// process's since start; where the reset is refused it says so.
/// </summary>
internal sealed class Measurement
{
    private readonly Stopwatch watch;
    private readonly long allocatedBefore;

    private Measurement(bool peakReset)
    {
        PeakReset = peakReset;
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        watch = Stopwatch.StartNew();
    }

    /// <summary>False when the peak could not be reset: then it is the peak since the process started.</summary>
    public bool PeakReset { get; }

    public static Measurement Start()
    {
        // The previous run's garbage is not this run's memory.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new Measurement(TryResetPeak());
    }

    public Measured Stop()
    {
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        return new Measured(watch.Elapsed.TotalSeconds, process.PeakWorkingSet64, allocated, PeakReset);
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
