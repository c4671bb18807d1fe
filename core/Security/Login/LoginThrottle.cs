using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Login;

/// <summary>
/// Counts failed logins per client address, and per user name for names that have no account (accounts keep
/// their own count in the store, so an admin can clear it). In memory, per instance: behind a load balancer
/// each instance throttles on its own, which still bounds guessing to a small multiple of the limit.
/// </summary>
internal sealed class LoginThrottle(IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const int MaxTrackedKeys = 100_000;

    private readonly ConcurrentDictionary<string, Failures> byAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> byUnknownName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? AddressBlockedFor(string? address) =>
        address is null ? null : BlockedFor(byAddress, address, options.Value.MaxFailedLoginsPerAddress);

    /// <summary>How long logins for a name without an account must wait, so they look like a locked account.</summary>
    public TimeSpan? UnknownNameBlockedFor(string userName) => BlockedFor(byUnknownName, userName, options.Value.MaxFailedLogins);

    public void AddressFailed(string? address)
    {
        if (address is not null)
        {
            Add(byAddress, address);
        }
    }

    public void UnknownNameFailed(string userName) => Add(byUnknownName, userName);

    private TimeSpan? BlockedFor(ConcurrentDictionary<string, Failures> counts, string key, int limit)
    {
        if (!counts.TryGetValue(key, out var failures))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var (count, oldest) = failures.Within(now - options.Value.Lockout);
        return count >= limit ? oldest + options.Value.Lockout - now : null;
    }

    private void Add(ConcurrentDictionary<string, Failures> counts, string key)
    {
        var now = clock.GetUtcNow();
        if (counts.Count >= MaxTrackedKeys)
        {
            // Bounded memory under a spray of addresses or names: forget windows that have fully passed.
            foreach (var (staleKey, stale) in counts)
            {
                if (stale.Within(now - options.Value.Lockout).Count == 0)
                {
                    counts.TryRemove(staleKey, out _);
                }
            }
        }

        counts.GetOrAdd(key, _ => new Failures()).Add(now, Math.Max(options.Value.MaxFailedLoginsPerAddress, options.Value.MaxFailedLogins));
    }

    /// <summary>The most recent failure times of one key, bounded.</summary>
    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> times = new();

        public void Add(DateTimeOffset at, int keep)
        {
            lock (times)
            {
                times.Enqueue(at);
                while (times.Count > keep)
                {
                    times.Dequeue();
                }
            }
        }

        public (int Count, DateTimeOffset Oldest) Within(DateTimeOffset since)
        {
            lock (times)
            {
                var recent = times.Where(t => t > since).ToList();
                return (recent.Count, recent.Count > 0 ? recent[0] : since);
            }
        }
    }
}
