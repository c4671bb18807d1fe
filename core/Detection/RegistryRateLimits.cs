using System.Collections.Concurrent;
using Dockward.Core.Detection.Providers;

namespace Dockward.Core.Detection;

/// <summary>Registries that asked for a pause, in memory, per registry host as requested; each instance keeps its own.</summary>
internal sealed class RegistryRateLimits(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RegistryPause> pauses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The pause in force for a host, or null when requests may go.</summary>
    public RegistryPause? Current(string host)
    {
        if (!pauses.TryGetValue(host, out var pause))
        {
            return null;
        }

        if (pause.Until > clock.GetUtcNow())
        {
            return pause;
        }

        pauses.TryRemove(new KeyValuePair<string, RegistryPause>(host, pause));
        return null;
    }

    /// <summary>Pauses a host; a longer pause already in force stands.</summary>
    public void Pause(string host, RegistryPause pause) =>
        pauses.AddOrUpdate(host, pause, (_, current) => current.Until >= pause.Until ? current : pause);
}
