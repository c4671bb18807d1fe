using System.Collections.Concurrent;

namespace Dockward.Core.Detection.Auth;

/// <summary>
/// Until a registry has answered once, requests to it go one at a time: the first answer tells whether it wants a
/// Bearer token (the challenge is then remembered), so the checks queued behind it send a token up front instead
/// of each collecting its own 401. Afterwards nothing waits here.
/// </summary>
internal sealed class RegistryFirstContact
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> answered = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Null when <paramref name="registry"/> has answered before; otherwise waits for its turn and returns the
    /// contact, which the caller disposes once the answer is in (and its challenge remembered).
    /// </summary>
    public async Task<IDisposable?> WaitAsync(string registry, CancellationToken cancellationToken)
    {
        if (answered.ContainsKey(registry))
        {
            return null;
        }

        var gate = gates.GetOrAdd(registry, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        if (answered.ContainsKey(registry))
        {
            gate.Release();
            return null;
        }

        return new Contact(this, registry, gate);
    }

    private sealed class Contact(RegistryFirstContact owner, string registry, SemaphoreSlim gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                // Answered, failed or cancelled alike: the next caller goes without waiting, so one dead first
                // request never holds a registry's checks in single file.
                owner.answered[registry] = true;
                gate.Release();
            }
        }
    }
}
