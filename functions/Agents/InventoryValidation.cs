using System.Text.RegularExpressions;
using Dockward.Contracts;

namespace Dockward.Functions.Agents;

/// <summary>What an inventory report must look like before it replaces anything.</summary>
internal static partial class InventoryValidation
{
    private const int MaxContainers = 5000;

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

            if (string.IsNullOrEmpty(c.Id) || string.IsNullOrEmpty(c.Image))
            {
                return $"containers[{i}] needs an id and an image.";
            }
        }

        return null;
    }

    // Docker's own rule for container names.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerName();
}
