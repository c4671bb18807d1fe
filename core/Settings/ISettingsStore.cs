namespace Dockward.Core.Settings;

/// <summary>The stored system settings: one record for every instance.</summary>
internal interface ISettingsStore
{
    /// <summary>The stored settings, or null while none were saved.</summary>
    Task<SystemSettingsRecord?> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the settings: a record without a version is new, one with a version replaces the one read at that
    /// version; <see cref="Storage.ConcurrencyConflictException"/> otherwise.
    /// </summary>
    Task<SystemSettingsRecord> SaveAsync(SystemSettingsRecord settings, CancellationToken cancellationToken);
}
