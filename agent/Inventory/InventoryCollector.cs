using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Inventory;

/// <summary>Reads every container on the host, with the RepoDigests of the image each one runs.</summary>
internal sealed class InventoryCollector(IDockerClient docker)
{
    public async Task<IReadOnlyList<ContainerSnapshot>> CollectAsync(CancellationToken cancellationToken)
    {
        var listed = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
        var digests = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var snapshots = new List<ContainerSnapshot>(listed.Count);
        foreach (var entry in listed)
        {
            ContainerInspectResponse container;
            try
            {
                // Inspect, not the list entry: the list shows an image id once its tag moved to another image,
                // while Config.Image keeps the reference the container was created from.
                container = await docker.Containers.InspectContainerAsync(entry.ID, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
                continue; // removed between list and inspect
            }

            if (!digests.TryGetValue(container.Image, out var repoDigests))
            {
                repoDigests = await RepoDigestsAsync(container.Image, cancellationToken);
                digests[container.Image] = repoDigests;
            }

            snapshots.Add(new ContainerSnapshot(
                container.ID,
                container.Name.TrimStart('/'),
                container.Config.Image,
                container.Image,
                repoDigests,
                container.State.Status,
                container.State.Health?.Status is { Length: > 0 } health && health != "none" ? health : null,
                container.Config.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(container.Config.Labels),
                container.Created));
        }

        return snapshots;
    }

    private async Task<IReadOnlyList<string>> RepoDigestsAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            var image = await docker.Images.InspectImageAsync(imageId, cancellationToken);
            return image.RepoDigests?.ToArray() ?? [];
        }
        catch (DockerImageNotFoundException)
        {
            return [];
        }
    }
}
