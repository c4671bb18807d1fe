namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>The floor's timed pass: N images, the HEADs it sent, and what they cost.</summary>
internal sealed record FloorRun(int Images, long Requests, Measured Measured);
