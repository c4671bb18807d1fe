using Dockward.Core.Detection;

namespace Dockward.Benchmarks.Storage;

/// <summary>The latest check per image, in memory (see <see cref="InMemoryContainerStore"/> for why).</summary>
internal sealed class InMemoryImageCheckStore : IImageCheckStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ImageCheckRecord> checks = new(StringComparer.Ordinal);

    public Task SaveAsync(ImageCheckRecord check, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            checks[check.Image] = check;
        }

        return Task.CompletedTask;
    }

    public Task<ImageCheckRecord?> GetAsync(string image, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(checks.GetValueOrDefault(image));
        }
    }

    public Task<IReadOnlyList<ImageCheckRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ImageCheckRecord>>([.. checks.Values]);
        }
    }
}
