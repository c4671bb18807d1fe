namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>How the registry under test lets clients in.</summary>
internal enum AuthMode
{
    /// <summary>No auth: one HEAD per image.</summary>
    Anonymous,

    /// <summary>The Bearer token flow (Docker Hub, Harbor, GHCR): a token per repository scope from a token service.</summary>
    Token,
}
