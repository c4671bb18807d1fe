namespace Dockward.Core.Detection.Images;

/// <summary>The <c>config</c> descriptor of an image manifest: the blob holding the image's config.</summary>
/// <param name="MediaType">The config's media type; null when the manifest gives none.</param>
/// <param name="Size">The size the manifest declares, in bytes.</param>
internal sealed record ConfigDescriptor(string Digest, string? MediaType, long Size);
