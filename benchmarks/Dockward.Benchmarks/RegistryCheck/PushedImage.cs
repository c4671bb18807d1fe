namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>One image the benchmark pushed: its repository, its tag and the digest the registry stored for it.</summary>
internal sealed record PushedImage(string Repository, string Tag, string Digest);
