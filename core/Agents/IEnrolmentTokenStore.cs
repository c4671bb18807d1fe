namespace Dockward.Core.Agents;

/// <summary>One-time agent enrolment tokens.</summary>
internal interface IEnrolmentTokenStore
{
    Task<EnrolmentTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken);

    Task<IReadOnlyList<EnrolmentTokenRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new token; <see cref="Storage.ConcurrencyConflictException"/> when the id exists.</summary>
    Task<EnrolmentTokenRecord> AddAsync(EnrolmentTokenRecord token, CancellationToken cancellationToken);

    /// <summary>Replaces a token read earlier; <see cref="Storage.ConcurrencyConflictException"/> when it changed since (so two agents cannot both use it).</summary>
    Task<EnrolmentTokenRecord> UpdateAsync(EnrolmentTokenRecord token, CancellationToken cancellationToken);
}
