using System.Text.RegularExpressions;
using Dockward.Contracts;

namespace Dockward.Functions.Agents;

/// <summary>What an inventory report must look like before it replaces anything.</summary>
internal static partial class InventoryValidation
{
    private const int MaxContainers = 5000;
    private const int MaxText = 512;
    private const int MaxRepoDigests = 64;
    private const int MaxLabels = 256;

    // Table Storage holds at most 64 KiB per property; labels are stored together as one JSON column.
    private const int MaxLabelValue = 2048;

    public static string? FirstError(InventoryReport report)
    {
        if (report.Containers.Count > MaxContainers)
        {
            return $"containers: at most {MaxContainers} per host.";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < report.Containers.Count; i++)
        {
            var c = report.Containers[i];
            if (!ContainerName().IsMatch(c.Name))
            {
                return $"containers[{i}].name '{c.Name}' is not a Docker container name.";
            }

            if (!names.Add(c.Name))
            {
                return $"containers[{i}].name '{c.Name}' appears twice.";
            }

            if (string.IsNullOrEmpty(c.Id) || c.Id.Length > 128 || string.IsNullOrEmpty(c.Image) || c.Image.Length > MaxText
                || c.ImageId.Length > 128 || c.State.Length > 32 || c.Health?.Length > 32)
            {
                return $"containers[{i}] needs an id (at most 128 characters) and an image (at most {MaxText}), with a state and health of at most 32.";
            }

            if (c.RepoDigests.Count > MaxRepoDigests || c.RepoDigests.Any(d => d.Length > MaxText))
            {
                return $"containers[{i}].repoDigests: at most {MaxRepoDigests}, each at most {MaxText} characters.";
            }

            if (c.Platform is not null && !PlatformText().IsMatch(c.Platform))
            {
                return $"containers[{i}].platform '{c.Platform}' is not os/architecture[/variant].";
            }

            if (c.Labels.Count > MaxLabels || c.Labels.Any(l => l.Key.Length > MaxText || l.Value.Length > MaxLabelValue))
            {
                return $"containers[{i}].labels: at most {MaxLabels}, keys at most {MaxText} and values at most {MaxLabelValue} characters.";
            }
        }

        return null;
    }

    // Lower-case words as the OCI image spec writes platforms (linux/amd64, linux/arm/v7, windows/amd64).
    [GeneratedRegex("^[a-z0-9_.-]{1,32}/[a-z0-9_.-]{1,32}(/[a-z0-9_.-]{1,32})?$")]
    private static partial Regex PlatformText();

    // Docker's own rule for container names.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerName();
}
