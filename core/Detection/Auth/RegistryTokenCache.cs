namespace Dockward.Core.Detection.Auth;

/// <summary>
/// Bearer tokens per (registry, service, scope), kept until <c>expires_in</c> minus a small skew. Callers asking
/// for the same key at once share one fetch; failures are not kept. Also remembers each registry's last Bearer
/// challenge so later requests can carry a token up front instead of first collecting a 401.
/// </summary>
internal sealed class RegistryTokenCache(TimeProvider time)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Dictionary<TokenCacheKey, Task<RegistryToken>> tokens = [];
    private readonly Dictionary<string, AuthChallenge> challenges = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The cached token for the key if still fresh, else the result of <paramref name="fetch"/> (shared with concurrent callers).</summary>
    public async Task<RegistryToken> GetAsync(TokenCacheKey key, Func<Task<RegistryToken>> fetch, CancellationToken cancellationToken)
    {
        Task<RegistryToken> task;
        lock (gate)
        {
            if (!tokens.TryGetValue(key, out task!) || (task.IsCompleted && (!task.IsCompletedSuccessfully || !IsFresh(task.Result))))
            {
                task = Task.Run(fetch, CancellationToken.None);
                tokens[key] = task;
            }
        }

        var kept = false;
        try
        {
            var token = await task.WaitAsync(cancellationToken);
            kept = token.Succeeded;
            return token;
        }
        finally
        {
            // Failures (and fetches that threw) are not kept: the next caller asks again.
            if (!kept && task.IsCompleted)
            {
                Forget(key, task);
            }
        }
    }

    /// <summary>A fresh token for the key if one is cached, without fetching.</summary>
    public RegistryToken? Peek(TokenCacheKey key)
    {
        lock (gate)
        {
            return tokens.TryGetValue(key, out var task) && task.IsCompletedSuccessfully && IsFresh(task.Result) ? task.Result : null;
        }
    }

    /// <summary>Drops the token a registry refused, unless another caller already replaced it.</summary>
    public void Invalidate(TokenCacheKey key, string rejectedToken)
    {
        lock (gate)
        {
            if (tokens.TryGetValue(key, out var task) && task.IsCompletedSuccessfully && task.Result.Value == rejectedToken)
            {
                tokens.Remove(key);
            }
        }
    }

    public void RememberChallenge(string registry, AuthChallenge challenge)
    {
        lock (gate)
        {
            challenges[registry] = challenge;
        }
    }

    public AuthChallenge? KnownChallenge(string registry)
    {
        lock (gate)
        {
            return challenges.GetValueOrDefault(registry);
        }
    }

    private void Forget(TokenCacheKey key, Task<RegistryToken> task)
    {
        lock (gate)
        {
            if (tokens.TryGetValue(key, out var current) && current == task)
            {
                tokens.Remove(key);
            }
        }
    }

    private bool IsFresh(RegistryToken token) => token.Succeeded && time.GetUtcNow() < token.ExpiresAt;

    /// <summary>The moment a token stops being used: its lifetime minus a skew of a tenth of it, at most 5 s.</summary>
    public static DateTimeOffset UsableUntil(DateTimeOffset issued, TimeSpan lifetime)
    {
        var skew = TimeSpan.FromTicks(Math.Min(MaxSkew.Ticks, lifetime.Ticks / 10));
        return issued + lifetime - skew;
    }
}
