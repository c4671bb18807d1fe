using System.Globalization;
using Dockward.Core.Registries;
using Dockward.Core.Storage;

namespace Dockward.Benchmarks.Storage;

/// <summary>
/// Registry credentials set through the API, in memory. The benchmark configures its token registry in settings
/// (<c>Detection:Registries</c>), so this stays empty and is asked only for the anonymous registry.
/// </summary>
internal sealed class InMemoryRegistryStore : IRegistryStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, RegistryRecord> registries = new(StringComparer.Ordinal);
    private long versions;

    public Task<RegistryRecord?> GetAsync(string host, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(registries.GetValueOrDefault(host));
        }
    }

    public Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RegistryRecord>>([.. registries.Values.OrderBy(r => r.Host, StringComparer.Ordinal)]);
        }
    }

    public Task<RegistryRecord> AddAsync(RegistryRecord registry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (registries.ContainsKey(registry.Host))
            {
                throw new ConcurrencyConflictException($"registry {registry.Host} exists");
            }

            return Task.FromResult(registries[registry.Host] = registry with { Version = NextVersion() });
        }
    }

    public Task<RegistryRecord> UpdateAsync(RegistryRecord registry, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!registries.TryGetValue(registry.Host, out var stored) || stored.Version != registry.Version)
            {
                throw new ConcurrencyConflictException($"registry {registry.Host} changed since it was read");
            }

            return Task.FromResult(registries[registry.Host] = registry with { Version = NextVersion() });
        }
    }

    public Task<bool> DeleteAsync(string host, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(registries.Remove(host));
        }
    }

    private string NextVersion() => (++versions).ToString(CultureInfo.InvariantCulture);
}
