using Dockward.Core.Detection.Images;

namespace Dockward.Core.Updates;

/// <summary>One side of an update preview: an image as the registry describes it.</summary>
/// <param name="Error">Why the registry could not describe it; the rest is then what is known without it.</param>
internal sealed record ImageSide(
    string Reference,
    string? Tag,
    string? Digest,
    DateTimeOffset? Created,
    string? Version,
    string? Revision,
    string? Source,
    string? Title,
    string? Url,
    string? Error)
{
    public static ImageSide From(string reference, string? tag, string? digest, ImageDetailsLookup? lookup) =>
        lookup?.Details is { } d
            ? new(reference, tag, digest, d.Created, d.Version, d.Revision, d.Source, d.Title, d.Url, null)
            : new(reference, tag, digest, null, null, null, null, null, null, lookup?.Error ?? "no digest from this registry to look up");
}
