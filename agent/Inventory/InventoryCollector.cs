using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Inventory;

/// <summary>
/// Reads every container on the host, with the RepoDigests and platform of the image each one runs and its
/// details (ports, mounts, networks, env, restart policy, last health check).
/// </summary>
internal sealed class InventoryCollector(IDockerClient docker)
{
    public async Task<IReadOnlyList<ContainerSnapshot>> CollectAsync(CancellationToken cancellationToken)
    {
        var listed = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
        var images = new Dictionary<string, ImageFacts>(StringComparer.Ordinal);
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

            if (!images.TryGetValue(container.Image, out var image))
            {
                image = await InspectImageAsync(container.Image, cancellationToken);
                images[container.Image] = image;
            }

            snapshots.Add(new ContainerSnapshot(
                container.ID,
                container.Name.TrimStart('/'),
                container.Config.Image,
                container.Image,
                image.RepoDigests,
                container.State.Status,
                container.State.Health?.Status is { Length: > 0 } health && health != "none" ? health : null,
                container.Config.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(container.Config.Labels),
                container.Created,
                image.Platform,
                ContainerDetailsReader.Read(container)));
        }

        return snapshots;
    }

    private async Task<ImageFacts> InspectImageAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            var image = await docker.Images.InspectImageAsync(imageId, cancellationToken);
            return new ImageFacts(image.RepoDigests?.ToArray() ?? [], PlatformOf(image));
        }
        catch (DockerImageNotFoundException)
        {
            return new ImageFacts([], null);
        }
    }

    /// <summary>
    /// <c>os/architecture[/variant]</c> as the OCI image spec spells it, which is how a multi-platform index
    /// names its entries; the control plane uses it to tell which entry a container runs.
    /// </summary>
    private static string? PlatformOf(ImageInspectResponse image)
    {
        if (string.IsNullOrEmpty(image.Os) || string.IsNullOrEmpty(image.Architecture))
        {
            return null;
        }

        var platform = $"{image.Os}/{image.Architecture}".ToLowerInvariant();
        return string.IsNullOrEmpty(image.Variant) ? platform : $"{platform}/{image.Variant.ToLowerInvariant()}";
    }

    private sealed record ImageFacts(IReadOnlyList<string> RepoDigests, string? Platform);
}
