using System.Globalization;
using System.Net;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Docker Hub. Images named <c>docker.io/…</c> (or without a registry) are served by registry-1.docker.io, which
/// challenges with <c>Bearer realm="https://auth.docker.io/token",service="registry.docker.io"</c>. Pulls are
/// rate limited per account or address; every answer says how many are left (<c>ratelimit-remaining: 76;w=21600</c>,
/// w the window in seconds). Checks use HEAD, which does not count against the limit, but once it is used up
/// (or a 429 arrives) Dockward stops asking until the window ends rather than collect more refusals.
/// See https://docs.docker.com/docker-hub/usage/pulls/.
/// </summary>
internal sealed class DockerHubProvider : IRegistryProvider
{
    /// <summary>A 429 with neither Retry-After nor a window: wait this long.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromMinutes(1);

    public string Name => "dockerhub";

    public bool Recognizes(string host) => host is ImageReference.DockerHub or "registry-1.docker.io" or "index.docker.io";

    public string ApiHost(string registry) => registry == ImageReference.DockerHub ? "registry-1.docker.io" : registry;

    public bool TrustsRealm(string registryHost, string realmHost) => Recognizes(registryHost) && realmHost == "auth.docker.io";

    public RegistryPause? PauseAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var remaining = Remaining(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var until = RegistryPause.RetryAfter(response, now) ?? (remaining is { Window: var window } ? now + window : now + DefaultPause);
            return new RegistryPause(until, "Docker Hub's pull rate limit is reached (429)");
        }

        return remaining is { Count: 0, Window: var end }
            ? new RegistryPause(now + end, "Docker Hub's pull rate limit is used up (ratelimit-remaining 0)")
            : null;
    }

    /// <summary>
    /// <c>ratelimit-remaining: &lt;count&gt;;w=&lt;seconds&gt;</c> (the IETF RateLimit header draft's form); null when
    /// absent or malformed. The window is capped at <see cref="RegistryPause.Longest"/>.
    /// </summary>
    internal static (int Count, TimeSpan Window)? Remaining(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("ratelimit-remaining", out var values) || values.FirstOrDefault() is not { Length: <= 200 } value)
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var window = parts.Skip(1).Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(kv => kv.Length == 2 && kv[0] == "w")
            .Select(kv => int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : (int?)null)
            .FirstOrDefault();
        if (window is null)
        {
            return null;
        }

        var span = TimeSpan.FromSeconds(window.Value);
        return (count, span > RegistryPause.Longest ? RegistryPause.Longest : span);
    }
}
