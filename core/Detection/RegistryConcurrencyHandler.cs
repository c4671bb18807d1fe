using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Detection;

/// <summary>
/// Bounds how many requests are in flight to one registry host at once (<c>Detection:MaxConcurrentPerRegistry</c>),
/// however many checks run: a large scan never hammers one registry, and a slow registry never holds up the others.
/// </summary>
internal sealed class RegistryConcurrencyHandler(IOptions<DetectionOptions> options) : DelegatingHandler
{
    // Shared by every handler instance (the client factory makes several): the limit is per host, process-wide.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Hosts = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Authority ?? "";
        var limit = options.Value.MaxConcurrentPerRegistry;
        var gate = Hosts.GetOrAdd($"{host}#{limit}", _ => new SemaphoreSlim(limit, limit));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
