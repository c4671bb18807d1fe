using Dockward.Core.Containers;

namespace Dockward.Core.Detection;

/// <summary>The digests a container runs, as far as one repository is concerned.</summary>
internal static class RunningDigests
{
    /// <summary>
    /// The digests of the container's image in <paramref name="image"/>'s repository. An image pulled from
    /// several repositories has a RepoDigest for each; only this repository's can be compared with its registry.
    /// </summary>
    public static HashSet<string> Of(ContainerRecord container, ImageReference image)
    {
        var digests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repoDigest in container.RepoDigests)
        {
            if (ImageReference.TryParse(repoDigest, out var parsed, out _) && parsed.Digest is not null && parsed.SameRepository(image))
            {
                digests.Add(parsed.Digest);
            }
        }

        return digests;
    }
}
