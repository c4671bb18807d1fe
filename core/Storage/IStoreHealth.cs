namespace Dockward.Core.Storage;

/// <summary>Answers whether the state store can be reached right now.</summary>
internal interface IStoreHealth
{
    /// <summary>Null when the store answered; otherwise what went wrong, for the /ready page.</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}
