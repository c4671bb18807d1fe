namespace Dockward.Core.Detection;

/// <summary>The latest registry check of one image reference.</summary>
/// <param name="Image">The normalised reference, e.g. <c>docker.io/library/nginx:latest</c>.</param>
/// <param name="RemoteDigest">The digest the registry gave for the tag, when it gave one.</param>
/// <param name="Detail">Why it was skipped or failed; null otherwise.</param>
internal sealed record ImageCheckRecord(
    string Image,
    string? RemoteDigest,
    CheckStatus Status,
    string? Detail,
    DateTimeOffset CheckedAt,
    string? Version = null);
