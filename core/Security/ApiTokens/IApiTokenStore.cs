namespace Dockward.Core.Security.ApiTokens;

/// <summary>Personal API tokens.</summary>
internal interface IApiTokenStore
{
    Task<ApiTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiTokenRecord>> ListByUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Stores a new token; <see cref="Storage.ConcurrencyConflictException"/> when the id exists.</summary>
    Task<ApiTokenRecord> AddAsync(ApiTokenRecord token, CancellationToken cancellationToken);

    /// <summary>Replaces a token read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since.</summary>
    Task<ApiTokenRecord> UpdateAsync(ApiTokenRecord token, CancellationToken cancellationToken);
}
