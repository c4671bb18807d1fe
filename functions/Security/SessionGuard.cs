using Dockward.Core.Security.Sessions;
using Microsoft.Extensions.Caching.Memory;

namespace Dockward.Functions.Security;

/// <summary>
/// Whether the session behind an access token still stands (not logged out, revoked, or its user disabled or
/// changed). Answers are cached for a few seconds so a burst of requests costs one store read.
/// </summary>
internal sealed class SessionGuard(SessionService sessions, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<bool> IsActiveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var key = "session:" + sessionId;
        if (cache.TryGetValue(key, out bool active))
        {
            return active;
        }

        active = await sessions.IsActiveAsync(sessionId, cancellationToken);
        cache.Set(key, active, CacheFor);
        return active;
    }

    /// <summary>Forgets a session's cached answer, so a logout on this instance takes effect at once.</summary>
    public void Forget(string sessionId) => cache.Remove("session:" + sessionId);
}
