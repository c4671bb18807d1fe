namespace Dockward.Core.Policies;

/// <summary>Policies set through the API: one global, one per group, one per container.</summary>
internal interface IPolicyStore
{
    Task<PolicyRecord?> GetAsync(PolicyScope scope, string key, CancellationToken cancellationToken);

    /// <summary>Every stored policy (a handful to a few hundred: read once per scan or request).</summary>
    Task<IReadOnlyList<PolicyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="record"/>: added when its <see cref="PolicyRecord.Version"/> is null, else replaced if
    /// unchanged since it was read; <see cref="Storage.ConcurrencyConflictException"/> otherwise.
    /// </summary>
    Task<PolicyRecord> SaveAsync(PolicyRecord record, CancellationToken cancellationToken);

    /// <summary>Removes a policy; false when there was none. <paramref name="version"/>, when given, must match.</summary>
    Task<bool> DeleteAsync(PolicyScope scope, string key, string? version, CancellationToken cancellationToken);
}
