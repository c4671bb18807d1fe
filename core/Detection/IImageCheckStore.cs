namespace Dockward.Core.Detection;

/// <summary>The latest check result per image reference, and the history of every check.</summary>
internal interface IImageCheckStore
{
    /// <summary>Records the result as its image's latest, replacing the previous one, and appends it to the image's history.</summary>
    Task SaveAsync(ImageCheckRecord check, CancellationToken cancellationToken);

    Task<ImageCheckRecord?> GetAsync(string image, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImageCheckRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The image's checks, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ImageCheckRecord>> ListHistoryAsync(string image, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes history entries older than <paramref name="before"/> (the latest results stay); returns how many.</summary>
    Task<int> PruneHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
