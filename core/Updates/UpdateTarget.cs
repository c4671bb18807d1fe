namespace Dockward.Core.Updates;

/// <summary>What a container should move to.</summary>
/// <param name="Digest">The manifest digest to run.</param>
/// <param name="Image">The image reference when it is a newer tag (<c>app:1.3.0</c>); null for the container's own tag.</param>
/// <param name="Tag">The tag the digest was found under, for skip lists and messages.</param>
/// <param name="Created">The image's created date, when known (for a policy's minimum age).</param>
internal sealed record UpdateTarget(string Digest, string? Image = null, string? Tag = null, DateTimeOffset? Created = null);
