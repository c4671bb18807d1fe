namespace Dockward.Core.Detection.Registry;

/// <summary>
/// Decides, for each container of one image, whether it runs what the tag points at now. Made once per image per
/// check (<see cref="RegistryClient.VerdictFor"/>) and asked once per container: the tag's index is fetched only
/// when a container's digests do not simply contain the tag's digest, and then at most once for all of them.
/// </summary>
/// <remarks>
/// A container's RepoDigests hold the digest it was pulled by: the index digest after <c>docker pull image:tag</c>,
/// a platform manifest digest after a pull by that digest (or by a tool that resolves the platform first). An index
/// digest and a platform digest are never compared as if they were the same kind: a running digest that is not the
/// tag's digest is looked up among the index's entries.
/// </remarks>
internal sealed class SameTagVerdict
{
    private readonly DigestLookup tag;
    private readonly Func<CancellationToken, Task<IndexLookup>> fetchIndex;
    private readonly Func<string, CancellationToken, Task<IndexLookup>>? fetchRunning;
    // A container's image has one RepoDigest per repository as a rule; a few more are read at most.
    private const int MaxRunningIndexes = 2;

    private readonly Lock gate = new();
    private Task<IndexLookup>? index;

    /// <param name="tag">The registry's answer for the tag.</param>
    /// <param name="fetchIndex">Reads the manifest at the tag's digest; called at most once, when first needed.</param>
    /// <param name="fetchRunning">
    /// Reads the manifest at a digest a container runs, to tell whether an index it was pulled by still holds the same
    /// manifest for its platform; null to skip that (an index that moved then reads as an update).
    /// </param>
    public SameTagVerdict(DigestLookup tag, Func<CancellationToken, Task<IndexLookup>> fetchIndex, Func<string, CancellationToken, Task<IndexLookup>>? fetchRunning = null)
    {
        this.tag = tag;
        this.fetchIndex = fetchIndex;
        this.fetchRunning = fetchRunning;
    }

    /// <summary>True once the index has been asked for (for tests and logs: the cost of this verdict).</summary>
    public bool FetchedIndex => index is not null;

    /// <param name="running">The container's digests in this repository (<see cref="RunningDigests.Of"/>).</param>
    /// <param name="platform">The platform of the container's image; null when unknown.</param>
    public async Task<TagComparison> CompareAsync(IReadOnlySet<string> running, Platform? platform, CancellationToken cancellationToken)
    {
        if (tag.Digest is null)
        {
            return TagComparison.Unknown(tag.Error ?? "the tag has no digest");
        }

        if (running.Count == 0)
        {
            return TagComparison.Unknown("no RepoDigest from this repository: cannot compare");
        }

        if (running.Contains(tag.Digest))
        {
            return TagComparison.UpToDate;
        }

        if (ManifestMediaTypes.IsManifest(tag.MediaType))
        {
            return TagComparison.UpdateAvailable;
        }

        // An index, or a registry that did not say what the tag is: only the manifest itself can tell whether a
        // running platform digest is one of its entries.
        var lookup = await IndexAsync(cancellationToken);
        if (lookup.Error is not null)
        {
            // Not "unknown": the registry failed to answer, and the check must say so, never read as up to date.
            return TagComparison.Failed(lookup.Error);
        }

        if (lookup.Index is not { } found)
        {
            return TagComparison.UpdateAvailable;
        }

        if (platform is null)
        {
            // Without the platform, any runnable entry counts: a false "update available" would update in a loop.
            return running.Any(found.ContainsRunnable) ? TagComparison.UpToDate : TagComparison.UpdateAvailable;
        }

        if (found.Find(platform) is not { } entry)
        {
            // The engine and the index spell the platform differently, or the tag dropped it: nothing to update to.
            return running.Any(found.ContainsRunnable)
                ? TagComparison.UpToDate
                : TagComparison.Unknown($"the tag no longer offers a manifest for {platform}");
        }

        if (running.Contains(entry.Digest))
        {
            return TagComparison.UpToDate;
        }

        return await SamePlatformManifestAsync(running, platform, entry.Digest, cancellationToken);
    }

    /// <summary>
    /// After <c>docker pull image:tag</c> a container's RepoDigest is the index it was pulled by. When the tag now
    /// points at another index, the container needs nothing unless that index's manifest for its platform changed
    /// (another platform rebuilt, attestations regenerated): read the running index and compare the entries.
    /// </summary>
    private async Task<TagComparison> SamePlatformManifestAsync(IReadOnlySet<string> running, Platform platform, string wanted, CancellationToken cancellationToken)
    {
        if (fetchRunning is null)
        {
            return TagComparison.UpdateAvailable;
        }

        foreach (var digest in running.Take(MaxRunningIndexes))
        {
            var lookup = await fetchRunning(digest, cancellationToken);
            if (lookup.Error is not null)
            {
                return TagComparison.Failed(lookup.Error);
            }

            if (lookup.Index?.Find(platform) is { } entry && entry.Digest == wanted)
            {
                return TagComparison.UpToDate;
            }
        }

        return TagComparison.UpdateAvailable;
    }

    // The first caller's token drives the one fetch; the callers of one check share a token.
    private Task<IndexLookup> IndexAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return index ??= fetchIndex(cancellationToken);
        }
    }
}
