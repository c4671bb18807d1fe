using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Providers;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Registries;
using Dockward.Core.Security.Secrets;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Detection;

/// <summary>A <see cref="RegistryClient"/> wired as the control plane wires it: settings first, then credentials stored encrypted in the test's tables.</summary>
internal static class RegistryClients
{
    // One connection pool for every test's clients, as IHttpClientFactory would share one.
    private static readonly SocketsHttpHandler Network = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };

    public static SecretProtector Protector { get; } = new(MasterKeyRing.From(new SecretsOptions { MasterKey = TestSecurity.MasterKey }));

    public static RegistryCredentials Credentials(TableStorage storage, IOptions<DetectionOptions> options) =>
        new(new TableRegistryStore(storage), Protector, options,
            new AuditTrail(new TableAuditLog(storage), TimeProvider.System, NullLogger<AuditTrail>.Instance), TimeProvider.System);

    public static RegistryClient Create(TableStorage storage, IOptions<DetectionOptions> options) => Pipeline(storage, options).Client;

    /// <summary>
    /// The client with the handler pipeline AddDetection gives it (rate-limit pauses, provider sign-in, concurrency
    /// limit, retries, Bearer flow with token cache and request counter),
    /// over the real network or over <paramref name="transport"/> (a scripted registry).
    /// </summary>
    /// <param name="ecrEndpoint">The ECR API address (a fake token service), over the real network.</param>
    public static RegistryPipeline Pipeline(
        TableStorage storage, IOptions<DetectionOptions> options, HttpMessageHandler? transport = null, TimeProvider? time = null, Uri? ecrEndpoint = null)
    {
        var clock = time ?? TimeProvider.System;
        var counter = new RegistryRequestCounter();
        var cache = new RegistryTokenCache(clock);
        var inner = transport ?? Network;
        var providers = Providers(options, cache, counter, clock, ecrEndpoint);
        var tokens = new RegistryTokenClient(new HttpClient(inner, disposeHandler: false), options, providers, counter, clock);
        var auth = new RegistryAuthHandler(cache, tokens, new RegistryFirstContact(), counter) { InnerHandler = inner };
        var retry = new RegistryRetryHandler(clock) { InnerHandler = auth };
        var limit = new RegistryConcurrencyHandler(options) { InnerHandler = retry };
        var signIn = new RegistrySignInHandler(providers) { InnerHandler = limit };
        var pauses = new RegistryRateLimitHandler(new RegistryRateLimits(clock), providers, clock, NullLogger<RegistryRateLimitHandler>.Instance) { InnerHandler = signIn };
        var client = new RegistryClient(new RegistryApis(new PipelineClients(pauses)), Credentials(storage, options), options);
        return new RegistryPipeline(client, counter, cache);
    }

    /// <summary>Every provider AddRegistryProviders registers, in its order; the ECR provider's AWS calls go over the real network.</summary>
    public static RegistryProviders Providers(
        IOptions<DetectionOptions> options, RegistryTokenCache cache, RegistryRequestCounter counter, TimeProvider clock, Uri? ecrEndpoint = null) =>
        new([
            new DockerHubProvider(), new GhcrProvider(), new QuayProvider(), new GitLabProvider(), new HarborProvider(), new NexusProvider(),
            new EcrProvider(
                new NetworkClientFactory(), cache, Options.Create(new EcrOptions { EcrEndpoint = ecrEndpoint?.ToString(), RequestTimeoutSeconds = options.Value.RequestTimeoutSeconds }),
                counter, clock), new AcrProvider(), new AliyunAcrProvider(),
            new GenericRegistryProvider(),
        ]);

    /// <summary>What IHttpClientFactory gives for the registry client name: HttpClients over one shared pipeline.</summary>
    private sealed class PipelineClients(HttpMessageHandler pipeline) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(pipeline, disposeHandler: false);
    }

    /// <summary>An <see cref="IHttpClientFactory"/> whose clients share the tests' connection pool.</summary>
    private sealed class NetworkClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(Network, disposeHandler: false);
    }
}

/// <summary>A registry client and what it counts and caches.</summary>
internal sealed record RegistryPipeline(RegistryClient Client, RegistryRequestCounter Requests, RegistryTokenCache Tokens);
