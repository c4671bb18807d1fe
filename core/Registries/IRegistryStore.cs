namespace Dockward.Core.Registries;

/// <summary>Registry credentials set through the API.</summary>
internal interface IRegistryStore
{
    Task<RegistryRecord?> GetAsync(string host, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new registry; <see cref="Storage.ConcurrencyConflictException"/> when the host exists.</summary>
    Task<RegistryRecord> AddAsync(RegistryRecord registry, CancellationToken cancellationToken);

    /// <summary>Replaces a registry read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<RegistryRecord> UpdateAsync(RegistryRecord registry, CancellationToken cancellationToken);

    /// <summary>Removes a registry; false when there was none.</summary>
    Task<bool> DeleteAsync(string host, CancellationToken cancellationToken);
}
