using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Providers;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Detection;

/// <summary>
/// Honours a registry's "slow down": reads every answer with its provider (<see cref="IRegistryProvider.PauseAfter"/>:
/// a 429's Retry-After, Docker Hub's <c>ratelimit-remaining: 0</c>) and, while a pause lasts, sends nothing to that
/// registry — the check fails at once with a <see cref="RegistryRateLimitedException"/> saying until when.
/// Outermost in the pipeline, so a paused check neither waits for a slot nor gets retried.
/// </summary>
internal sealed class RegistryRateLimitHandler(
    RegistryRateLimits limits, RegistryProviders providers, TimeProvider clock, ILogger<RegistryRateLimitHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A registry request needs an address.");
        var host = uri.Authority;
        if (limits.Current(host) is { } paused)
        {
            throw new RegistryRateLimitedException(host, paused);
        }

        var response = await base.SendAsync(request, cancellationToken);
        request.Options.TryGetValue(RegistryAuthHandler.Credential, out var credential);
        if (providers.For(uri, credential).PauseAfter(response, clock.GetUtcNow()) is not { } pause)
        {
            return response;
        }

        limits.Pause(host, pause);
        logger.LogWarning("Pausing requests to {Registry} until {Until:u}: {Reason}", host, pause.Until, pause.Reason);
        if (response.IsSuccessStatusCode)
        {
            return response; // the last allowed answer still counts; the next request waits
        }

        response.Dispose();
        throw new RegistryRateLimitedException(host, limits.Current(host) ?? pause);
    }
}
