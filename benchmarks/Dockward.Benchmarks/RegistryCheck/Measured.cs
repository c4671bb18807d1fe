namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>What one timed run measured.</summary>
/// <param name="PeakWorkingSetBytes">The process's peak resident set during the run (since start when <paramref name="PeakReset"/> is false).</param>
/// <param name="AllocatedBytes">Bytes the GC allocated during the run, on every thread of the process.</param>
internal sealed record Measured(double Seconds, long PeakWorkingSetBytes, long AllocatedBytes, bool PeakReset);
