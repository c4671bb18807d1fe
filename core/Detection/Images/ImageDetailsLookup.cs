namespace Dockward.Core.Detection.Images;

/// <summary>What the registry holds about one image (<see cref="Details"/>), or why it could not be read (<see cref="Error"/>).</summary>
internal sealed record ImageDetailsLookup(ImageDetails? Details, string? Error)
{
    public static ImageDetailsLookup Found(ImageDetails details) => new(details, null);

    public static ImageDetailsLookup Failed(string error) => new(null, error);
}
