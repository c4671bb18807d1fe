using System.Net;

namespace Dockward.Core.Detection;

/// <summary>
/// Retries a registry request that failed for a passing reason — a 500, 502, 503 or 504, or a dropped
/// connection — at most twice, after an exponential backoff with full jitter (so many checks failing together
/// do not come back together). A 429 is not retried: the registry asked for less, and the check reports it.
/// </summary>
internal sealed class RegistryRetryHandler(TimeProvider clock) : DelegatingHandler
{
    public const int Attempts = 3;

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), clock, cancellationToken);
                continue;
            }

            if (attempt >= Attempts || !IsPassing(response.StatusCode))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(Backoff(attempt), clock, cancellationToken);
        }
    }

    private static bool IsPassing(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, min(cap, base·2^attempt)).</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
