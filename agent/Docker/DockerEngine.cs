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

    /// <summary>
    /// <see cref="ConnectAsync"/>, waiting up to <paramref name="patience"/> for an engine that does not answer yet
    /// (the agent may start before dockerd on boot). Blocks: it runs once, when the first worker needs the engine.
    /// </summary>
    /// <exception cref="EngineNotSupportedException">The engine cannot be driven, or did not answer in time.</exception>
    public static EngineConnection ConnectWaiting(string endpoint, TimeSpan patience, Action<string> warn)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 15)))
        {
            try
            {
                return ConnectAsync(endpoint, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not EngineNotSupportedException)
            {
                if (DateTimeOffset.UtcNow + delay > deadline)
                {
                    throw new EngineNotSupportedException($"the Docker engine at {endpoint} (Agent:DockerEndpoint) did not answer within {patience.TotalSeconds:F0} s: {e.Message}");
                }

                warn($"The Docker engine at {endpoint} does not answer yet ({e.Message}); retrying in {delay.TotalSeconds:F0} s");
                Thread.Sleep(delay);
            }
        }
    }

    /// <summary>The engine's version, as reported to the control plane.</summary>
    public static async Task<string> VersionAsync(IDockerClient docker, CancellationToken cancellationToken) =>
        (await docker.System.GetVersionAsync(cancellationToken)).Version;
}
