using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;

namespace Dockward.Agent.Updates;

/// <summary>Removes a repository's previous images after an update, keeping the newest few and any image a container uses.</summary>
internal sealed class ImagePruner(IDockerClient docker)
{
    /// <summary>
    /// Removes the images of <paramref name="image"/>'s repository other than <paramref name="currentImageId"/> and
    /// the <paramref name="keep"/> newest of the rest, skipping any image a container (running or not) was created
    /// from. An image other repositories also name only loses this repository's names. Returns what was removed and
    /// what could not be.
    /// </summary>
    public async Task<PruneResult> PruneAsync(ImageName image, string currentImageId, int keep, CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
        var inUse = containers.Select(c => c.ImageID).ToHashSet(StringComparer.Ordinal);
        var images = await docker.Images.ListImagesAsync(new ImagesListParameters { All = false }, cancellationToken);
        var previous = images
            .Where(i => i.ID != currentImageId && OfRepository(i, image.Repository))
            .OrderByDescending(i => i.Created)
            .Skip(keep)
            .Where(i => !inUse.Contains(i.ID))
            .ToList();

        var removed = new List<string>();
        var problems = new List<string>();
        foreach (var old in previous)
        {
            try
            {
                // By this repository's references, never by id and never forced: a reference from another repository
                // keeps the image (only this repository lets go of it), and the engine deletes it with its last one.
                foreach (var reference in ReferencesIn(old, image.Repository))
                {
                    await docker.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false }, cancellationToken);
                }

                removed.Add(old.ID);
            }
            catch (DockerApiException e)
            {
                problems.Add($"{DockerErrors.Short(old.ID)}: {DockerErrors.Describe(e)}");
            }
        }

        return new PruneResult(removed, problems);
    }

    private static IEnumerable<string> ReferencesIn(ImagesListResponse image, string repository) =>
        (image.RepoTags ?? []).Concat(image.RepoDigests ?? []).Where(reference => ImageName.Parse(reference).Repository == repository).Distinct();

    /// <summary>
    /// An image belongs to the repository when a tag or a RepoDigest names it: an image whose tag moved on to the
    /// new one keeps only its RepoDigest.
    /// </summary>
    private static bool OfRepository(ImagesListResponse image, string repository) => ReferencesIn(image, repository).Any();

}
