namespace Dockward.Core.Detection.Registry;

/// <summary>A repository's tags, in the registry's order, or why they could not be listed (then no tags at all).</summary>
internal sealed record TagListing(IReadOnlyList<string> Tags, string? Error)
{
    public static TagListing Found(IReadOnlyList<string> tags) => new(tags, null);

    public static TagListing Failed(string error) => new([], error);
}
