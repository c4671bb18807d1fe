using Dockward.Core.Audit;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
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
    /// The client with the handler pipeline AddDetection gives it (Bearer flow, token cache, request counter),
    /// over the real network or over <paramref name="transport"/> (a scripted registry).
    /// </summary>
    public static RegistryPipeline Pipeline(TableStorage storage, IOptions<DetectionOptions> options, HttpMessageHandler? transport = null, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var counter = new RegistryRequestCounter();
        var cache = new RegistryTokenCache(clock);
        var inner = transport ?? Network;
        var tokens = new RegistryTokenClient(new HttpClient(inner, disposeHandler: false), options, counter, clock);
        var auth = new RegistryAuthHandler(cache, tokens, counter) { InnerHandler = inner };
        var retry = new RegistryRetryHandler(clock) { InnerHandler = auth };
        var limit = new RegistryConcurrencyHandler(options) { InnerHandler = retry };
        var client = new RegistryClient(new RegistryApis(new PipelineClients(limit)), Credentials(storage, options), options);
        return new RegistryPipeline(client, counter, cache);
    }

    /// <summary>What IHttpClientFactory gives for the registry client name: HttpClients over one shared pipeline.</summary>
    private sealed class PipelineClients(HttpMessageHandler pipeline) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(pipeline, disposeHandler: false);
    }
}

/// <summary>A registry client and what it counts and caches.</summary>
internal sealed record RegistryPipeline(RegistryClient Client, RegistryRequestCounter Requests, RegistryTokenCache Tokens);
