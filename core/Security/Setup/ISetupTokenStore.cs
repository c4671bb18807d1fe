namespace Dockward.Core.Security.Setup;

/// <summary>The single first-run setup token.</summary>
internal interface ISetupTokenStore
{
    Task<SetupTokenRecord?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Stores the token, replacing any earlier one.</summary>
    Task<SetupTokenRecord> SetAsync(SetupTokenRecord token, CancellationToken cancellationToken);

    /// <summary>Removes the token if it is still the one read at <paramref name="version"/>; false when it changed or is gone.</summary>
    Task<bool> DeleteAsync(string version, CancellationToken cancellationToken);
}
