using Dockward.Core.Detection.Providers;

namespace Dockward.Core.Detection;

/// <summary>
/// A registry request not sent because the registry asked for a pause. An <see cref="HttpRequestException"/> so
/// that the registry client reports it as a failed check (with the time it ends) and never retries it.
/// </summary>
internal sealed class RegistryRateLimitedException(string host, RegistryPause pause)
    : HttpRequestException($"no requests to {host} until {pause.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, as {pause.Reason}")
{
    public string Host { get; } = host;

    public RegistryPause Pause { get; } = pause;
}
