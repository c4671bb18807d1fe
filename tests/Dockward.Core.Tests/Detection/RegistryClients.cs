using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Providers;
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
    /// The client with the handler pipeline AddDetection gives it (Bearer flow, token cache, request counter),
    /// over the real network or over <paramref name="transport"/> (a scripted registry).
    /// </summary>
    /// <param name="aws">Where the ECR provider's calls to the AWS API go; the real network when null.</param>
    public static RegistryPipeline Pipeline(
        TableStorage storage, IOptions<DetectionOptions> options, HttpMessageHandler? transport = null, TimeProvider? time = null, HttpMessageHandler? aws = null)
    {
        var clock = time ?? TimeProvider.System;
        var counter = new RegistryRequestCounter();
        var cache = new RegistryTokenCache(clock);
        var inner = transport ?? Network;
        var providers = Providers(options, cache, counter, clock, aws ?? Network);
        var tokens = new RegistryTokenClient(new HttpClient(inner, disposeHandler: false), options, providers, counter, clock);
        var auth = new RegistryAuthHandler(cache, tokens, counter) { InnerHandler = inner };
        var retry = new RegistryRetryHandler(clock) { InnerHandler = auth };
        var limit = new RegistryConcurrencyHandler(options) { InnerHandler = retry };
        var signIn = new RegistrySignInHandler(providers) { InnerHandler = limit };
        var pauses = new RegistryRateLimitHandler(new RegistryRateLimits(clock), providers, clock) { InnerHandler = signIn };
        var client = new RegistryClient(new HttpClient(pauses, disposeHandler: false), Credentials(storage, options), options);
        return new RegistryPipeline(client, counter, cache);
    }

    /// <summary>Every provider AddRegistryProviders registers, in its order.</summary>
    public static RegistryProviders Providers(
        IOptions<DetectionOptions> options, RegistryTokenCache cache, RegistryRequestCounter counter, TimeProvider clock, HttpMessageHandler aws) =>
        new([
            new DockerHubProvider(), new GhcrProvider(), new QuayProvider(), new GitLabProvider(), new HarborProvider(), new NexusProvider(),
            new EcrProvider(new HandlerClientFactory(aws), cache, options, counter, clock), new AcrProvider(), new AliyunAcrProvider(),
            new GenericRegistryProvider(),
        ]);

    /// <summary>An <see cref="IHttpClientFactory"/> whose clients all go through one handler.</summary>
    private sealed class HandlerClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}

/// <summary>A registry client and what it counts and caches.</summary>
internal sealed record RegistryPipeline(RegistryClient Client, RegistryRequestCounter Requests, RegistryTokenCache Tokens);
