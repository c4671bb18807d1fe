namespace Dockward.Agent.Commands;

/// <summary>
/// The containers an update job is working on right now, by name: the job runner marks them, commands that would
/// change their state are refused meanwhile (a stop in the middle of an update would look like a failed release).
/// </summary>
internal sealed class UpdatesInProgress
{
    private readonly Dictionary<string, int> working = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="containerName"/> as being updated until the returned mark is disposed.</summary>
    public IDisposable Begin(string containerName)
    {
        lock (working)
        {
            working[containerName] = working.GetValueOrDefault(containerName) + 1;
        }

        return new Mark(this, containerName);
    }

    public bool IsUpdating(string containerName)
    {
        lock (working)
        {
            return working.ContainsKey(containerName);
        }
    }

    private void End(string containerName)
    {
        lock (working)
        {
            if (working.TryGetValue(containerName, out var count) && count > 1)
            {
                working[containerName] = count - 1;
            }
            else
            {
                working.Remove(containerName);
            }
        }
    }

    private sealed class Mark(UpdatesInProgress owner, string containerName) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.End(containerName);
            }
        }
    }
}
