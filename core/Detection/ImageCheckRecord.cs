namespace Dockward.Core.Detection;

/// <summary>One registry check of one image reference: the latest per image, and every one in its history.</summary>
/// <param name="Image">The normalised reference, e.g. <c>docker.io/library/nginx:latest</c>.</param>
/// <param name="RemoteDigest">The digest the registry gave for the tag, when it gave one.</param>
/// <param name="Detail">Why it was skipped or failed, or what the newer-tag search found; null otherwise.</param>
/// <param name="Version">The store's version of the latest record (ETag); null on history entries.</param>
internal sealed record ImageCheckRecord(
    string Image,
    string? RemoteDigest,
    CheckStatus Status,
    string? Detail,
    DateTimeOffset CheckedAt,
    string? Version = null)
{
    /// <summary>What started the check: <c>timer</c>, <c>check</c> (a user), <c>webhook</c>.</summary>
    public string? Trigger { get; init; }

    /// <summary>The digests the containers of this image run, as far as this repository is concerned.</summary>
    public IReadOnlyList<string> RunningDigests { get; init; } = [];

    /// <summary>The highest newer tag the containers' tag policy allows, when they have one and the registry has such a tag.</summary>
    public string? NewerTag { get; init; }

    /// <summary>How many requests the check made (registry and token service).</summary>
    public int Requests { get; init; }

    /// <summary>The requests the answer came from, e.g. <c>HEAD https://ghcr.io/v2/org/app/manifests/1.4.2</c> (the first few).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
