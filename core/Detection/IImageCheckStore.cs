namespace Dockward.Core.Detection;

/// <summary>The latest check result per image reference.</summary>
internal interface IImageCheckStore
{
    /// <summary>Records the latest result for its image, replacing the previous one.</summary>
    Task SaveAsync(ImageCheckRecord check, CancellationToken cancellationToken);

    Task<ImageCheckRecord?> GetAsync(string image, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImageCheckRecord>> ListAsync(CancellationToken cancellationToken);
}
