using Docker.DotNet;

namespace Dockward.Agent.Docker;

/// <summary>Connects to the local Docker engine.</summary>
internal static class DockerEngine
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NegotiationTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A client pinned to <paramref name="api"/> (by default the library's own 1.41). Pinned, not unversioned:
    /// Docker.DotNet sends unversioned paths otherwise, which the engine answers at its own newest version,
    /// whose forms (several networks at create, per-endpoint MAC) the library's models do not know.
    /// </summary>
    public static IDockerClient Connect(string endpoint, EngineApi? api = null) =>
        new DockerClientConfiguration(new Uri(endpoint), defaultTimeout: RequestTimeout).CreateClient((api ?? EngineApi.Default).Version);

    /// <summary>
    /// Asks the engine's <c>/version</c> which API versions it accepts and connects at the highest one both it and
    /// the client library know.
    /// </summary>
    /// <exception cref="EngineNotSupportedException">The engine is older than <see cref="EngineApi.Minimum"/>, or accepts no version the library knows.</exception>
    public static async Task<EngineConnection> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        EngineNegotiation negotiation;
        using (var probe = new DockerClientConfiguration(new Uri(endpoint), defaultTimeout: NegotiationTimeout).CreateClient())
        {
            // /version is answered at every API version, so the unversioned probe works whatever the engine is.
            negotiation = EngineApi.Negotiate(await probe.System.GetVersionAsync(cancellationToken));
        }

        var api = negotiation.Api ?? throw new EngineNotSupportedException($"Docker engine at {endpoint}: {negotiation.Problem}");
        return new EngineConnection(Connect(endpoint, api), api);
    }

    /// <summary>The engine's version, as reported to the control plane.</summary>
    public static async Task<string> VersionAsync(IDockerClient docker, CancellationToken cancellationToken) =>
        (await docker.System.GetVersionAsync(cancellationToken)).Version;
}
