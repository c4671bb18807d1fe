namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>One check cycle: how many images, how many requests of each kind, and what it cost.</summary>
internal sealed record CheckRun(int Images, long RegistryRequests, long TokenRequests, Measured Measured)
{
    public long Requests => RegistryRequests + TokenRequests;
}
