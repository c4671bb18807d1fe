using System.Globalization;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>A process's resident memory now (VmRSS) and its peak so far (VmHWM), from <c>/proc/&lt;pid&gt;/status</c> (proc(5)).</summary>
internal sealed record ProcessMemory(long RssBytes, long PeakRssBytes)
{
    public double RssMib => RssBytes / 1048576.0;

    public double PeakRssMib => PeakRssBytes / 1048576.0;

    public static ProcessMemory Read(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return new ProcessMemory(rss, peak);
    }

    // "VmRSS:	  123456 kB": the kernel always writes kB.
    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
}
