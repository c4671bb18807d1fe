using Dockward.Core.Detection;

namespace Dockward.Benchmarks.Storage;

/// <summary>The latest check per image and every check's history, in memory (see <see cref="InMemoryContainerStore"/> for why).</summary>
internal sealed class InMemoryImageCheckStore : IImageCheckStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ImageCheckRecord> checks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ImageCheckRecord>> history = new(StringComparer.Ordinal);

    public Task SaveAsync(ImageCheckRecord check, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            checks[check.Image] = check;
            if (!history.TryGetValue(check.Image, out var entries))
            {
                history[check.Image] = entries = [];
            }

            entries.Add(check);
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

    public Task<IReadOnlyList<ImageCheckRecord>> ListHistoryAsync(string image, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<ImageCheckRecord> entries = history.TryGetValue(image, out var found)
                ? [.. found.OrderByDescending(c => c.CheckedAt).Take(limit)]
                : [];
            return Task.FromResult(entries);
        }
    }

    public Task<int> PruneHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(history.Values.Sum(entries => entries.RemoveAll(c => c.CheckedAt < before)));
        }
    }
}
