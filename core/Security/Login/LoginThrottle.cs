using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Security.Login;

/// <summary>
/// Throttles what the store does not: attempts per client address (a sliding window), and attempts on user
/// names that have no account, counted exactly like an account's lockout so the answers do not tell the two
/// apart. In memory, per instance: behind a load balancer each instance throttles on its own.
/// </summary>
internal sealed class LoginThrottle(IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const int MaxTrackedKeys = 100_000;

    private readonly ConcurrentDictionary<string, AddressWindow> byAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NameLock> byUnknownName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Counts an attempt from <paramref name="address"/> before the password is checked; null when it may go on,
    /// else how long to wait. A correct password gives the attempt back (<see cref="AddressSucceeded"/>).
    /// </summary>
    public TimeSpan? BeginAddressAttempt(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        Prune(byAddress, now);
        return byAddress.GetOrAdd(address, _ => new AddressWindow()).TryAdd(now, options.Value.Lockout, options.Value.MaxFailedLoginsPerAddress);
    }

    public void AddressSucceeded(string? address)
    {
        if (address is not null && byAddress.TryGetValue(address, out var window))
        {
            window.RemoveLatest();
        }
    }

    /// <summary>An attempt on a name without an account: the same count-then-lock as <see cref="AccountLockout"/>.</summary>
    public TimeSpan? BeginUnknownNameAttempt(string userName)
    {
        var now = clock.GetUtcNow();
        Prune(byUnknownName, now);
        return byUnknownName.GetOrAdd(userName, _ => new NameLock()).Attempt(now, options.Value.MaxFailedLogins, options.Value.Lockout);
    }

    private void Prune<T>(ConcurrentDictionary<string, T> counts, DateTimeOffset now)
        where T : IExpiring
    {
        if (counts.Count < MaxTrackedKeys)
        {
            return;
        }

        // Bounded memory under a spray of addresses or names: forget what can no longer block anyone.
        foreach (var (key, entry) in counts)
        {
            if (entry.Idle(now, options.Value.Lockout))
            {
                counts.TryRemove(key, out _);
            }
        }
    }

    private interface IExpiring
    {
        bool Idle(DateTimeOffset now, TimeSpan window);
    }

    /// <summary>Attempt times of one address within the window, bounded.</summary>
    private sealed class AddressWindow : IExpiring
    {
        private readonly Queue<DateTimeOffset> times = new();

        public TimeSpan? TryAdd(DateTimeOffset now, TimeSpan window, int limit)
        {
            lock (times)
            {
                while (times.Count > 0 && times.Peek() <= now - window)
                {
                    times.Dequeue();
                }

                if (times.Count >= limit)
                {
                    return times.Peek() + window - now;
                }

                times.Enqueue(now);
                return null;
            }
        }

        public void RemoveLatest()
        {
            lock (times)
            {
                if (times.Count > 0)
                {
                    var kept = times.ToArray()[..^1];
                    times.Clear();
                    foreach (var time in kept)
                    {
                        times.Enqueue(time);
                    }
                }
            }
        }

        public bool Idle(DateTimeOffset now, TimeSpan window)
        {
            lock (times)
            {
                return times.Count == 0 || times.Last() <= now - window;
            }
        }
    }

    /// <summary>Consecutive failures and a lock, as an account keeps them.</summary>
    private sealed class NameLock : IExpiring
    {
        private readonly Lock gate = new();
        private int failures;
        private DateTimeOffset lockedUntil;
        private DateTimeOffset last;

        public TimeSpan? Attempt(DateTimeOffset now, int limit, TimeSpan lockout)
        {
            lock (gate)
            {
                if (lockedUntil > now)
                {
                    return lockedUntil - now;
                }

                last = now;
                failures++;
                if (failures >= limit)
                {
                    failures = 0;
                    lockedUntil = now + lockout;
                }

                return null;
            }
        }

        public bool Idle(DateTimeOffset now, TimeSpan window)
        {
            lock (gate)
            {
                return lockedUntil <= now && last <= now - window;
            }
        }
    }
}
