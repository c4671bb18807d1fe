using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;

namespace Dockward.Agent.Tests.Updates;

/// <summary>
/// A container's inspect with only what says what the container is: the fields that legitimately change when
/// the same container is recreated or restarted are taken out, each by name with the reason. Two snapshots
/// are compared field by field and every difference is named by its path.
/// </summary>
internal sealed class InspectSnapshot
{
    /// <summary>The test images' own variable: the image supplies it, so it follows the image (1.0 → 2.0).</summary>
    private const string ImageVersionVariable = "APP_VERSION=";

    private readonly JsonObject root;

    private InspectSnapshot(JsonObject root) => this.root = root;

    /// <summary>
    /// For comparing an updated container with the one it replaced: besides the run's own state, its id, image
    /// id, creation time and everything derived from them are left out, and its short id (hostname, alias)
    /// stands as <c>&lt;own short id&gt;</c>.
    /// </summary>
    public static InspectSnapshot Recreated(ContainerInspectResponse container)
    {
        var node = Runtime(container);
        var shortId = container.ID[..12];
        // A new container: a new id and creation time; it runs the new image (same reference, new id).
        node.Remove("ID");
        node.Remove("Created");
        node.Remove("Image");
        // Paths under /var/lib/docker/containers/<id>/ and the new read-write layer's directories.
        node.Remove("ResolvConfPath");
        node.Remove("HostnamePath");
        node.Remove("HostsPath");
        node.Remove("LogPath");
        node.Remove("GraphDriver");
        var config = node["Config"]!.AsObject();
        if (config["Hostname"]?.GetValue<string>() == shortId)
        {
            config["Hostname"] = "<own short id>";
        }

        // The image supplies it, so it follows the new image: asserted in Keeps_what_the_user_set_over_the_image_… and ContainerUpdaterTests.
        if (config["Env"] is JsonArray env)
        {
            config["Env"] = new JsonArray([.. env.Select(e => e!.GetValue<string>()).Where(e => !e.StartsWith(ImageVersionVariable, StringComparison.Ordinal)).Select(e => JsonValue.Create(e))]);
        }

        foreach (var (_, endpoint) in node["NetworkSettings"]!["Networks"]?.AsObject() ?? [])
        {
            if (endpoint!["Aliases"] is JsonArray aliases)
            {
                endpoint["Aliases"] = new JsonArray([.. aliases.Select(a => a!.GetValue<string>()).Select(a => JsonValue.Create(a == shortId ? "<own short id>" : a))]);
            }
        }

        // Anonymous volumes (an image's VOLUME, -v /path, a volume mount without a source) are re-attached by
        // name as volume mounts: the mount points (compared whole in Mounts) are the same, only the HostConfig
        // entry saying how they got there differs.
        var volumeNames = container.Mounts.Where(m => m.Type == "volume").Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        if (node["HostConfig"]!["Mounts"] is JsonArray mounts)
        {
            var declared = mounts
                .Where(m => m!["Type"]!.GetValue<string>() != "volume" || !IsAnonymousVolume(m["Source"]?.GetValue<string>(), volumeNames))
                .Select(m => m!.DeepClone())
                .ToArray();
            node["HostConfig"]!["Mounts"] = declared.Length == 0 ? null : new JsonArray(declared);
        }

        return new InspectSnapshot(node);
    }

    /// <summary>For comparing a container with itself after it was stopped and started again: only the run's own state is left out.</summary>
    public static InspectSnapshot Restarted(ContainerInspectResponse container) => new(Runtime(container));

    /// <summary>Every path where the two differ, with both values; empty when they are the same container.</summary>
    public IReadOnlyList<string> DifferencesFrom(InspectSnapshot before)
    {
        var differences = new List<string>();
        Compare("", before.root, root, differences);
        return differences;
    }

    public override string ToString() => root.ToJsonString();

    private static JsonObject Runtime(ContainerInspectResponse container)
    {
        var node = JsonSerializer.SerializeToNode(container)!.AsObject();
        // A new run: pid, start and finish times, exit code, health log, restart and exec counts are the run's;
        // what is compared is whether it runs (a stopped container stays stopped).
        var state = container.State;
        node["State"] = new JsonObject { ["Running"] = state.Running, ["Paused"] = state.Paused, ["Restarting"] = state.Restarting, ["Dead"] = state.Dead };
        node.Remove("RestartCount");
        node.Remove("ExecIDs");
        node.Remove("SizeRw");
        node.Remove("SizeRootFs");

        // Mount order in the inspect follows the engine's map, not the configuration.
        var mountPoints = node["Mounts"]!.AsArray().Select(m => m!.DeepClone()).OrderBy(m => m["Destination"]!.GetValue<string>(), StringComparer.Ordinal).ToArray();
        foreach (var mountPoint in mountPoints.Where(m => m["Type"]!.GetValue<string>() == "volume" && IsGeneratedName(m["Name"]?.GetValue<string>())))
        {
            // An anonymous volume re-attached by name gets the mode the engine records for every volume given by
            // name, "z" (SELinux shared label), where the anonymous original had "": the same volume at the same
            // place, read-write or not as before (RW is compared).
            if (mountPoint["Mode"]?.GetValue<string>() is "" or "z")
            {
                mountPoint["Mode"] = "<engine's mode for a volume>";
            }
        }

        node["Mounts"] = new JsonArray(mountPoints);

        var settings = node["NetworkSettings"]!.AsObject();
        var configuredMac = container.Config.MacAddress;
        // The network namespace is a new one, with new endpoints; the default bridge's addresses are assigned at start.
        foreach (var runtime in new[] { "SandboxID", "SandboxKey", "EndpointID", "IPAddress", "GlobalIPv6Address", "LinkLocalIPv6Address", "SecondaryIPAddresses", "SecondaryIPv6Addresses" })
        {
            settings.Remove(runtime);
        }

        if (string.IsNullOrEmpty(configuredMac))
        {
            // A MAC the engine generates follows the assigned address.
            settings.Remove("MacAddress");
        }

        var primary = container.HostConfig.NetworkMode == "default" ? "bridge" : container.HostConfig.NetworkMode;
        foreach (var (name, endpoint) in settings["Networks"]?.AsObject() ?? [])
        {
            var ep = endpoint!.AsObject();
            var ipam = container.NetworkSettings.Networks[name].IPAMConfig;
            ep.Remove("EndpointID");
            // Assigned from the pool unless the user fixed them (IPAMConfig); then they must be the same.
            if (string.IsNullOrEmpty(ipam?.IPv4Address))
            {
                ep.Remove("IPAddress");
            }

            if (string.IsNullOrEmpty(ipam?.IPv6Address))
            {
                ep.Remove("GlobalIPv6Address");
            }

            if (name != primary || string.IsNullOrEmpty(configuredMac))
            {
                ep.Remove("MacAddress");
            }
        }

        return node;
    }

    /// <summary>No source, or a volume the engine named that the container has mounted.</summary>
    private static bool IsAnonymousVolume(string? name, HashSet<string> mounted) =>
        string.IsNullOrEmpty(name) || (IsGeneratedName(name) && mounted.Contains(name));

    /// <summary>The engine names an anonymous volume with 64 hex digits.</summary>
    private static bool IsGeneratedName(string? name) => name is { Length: 64 } && name.All(Uri.IsHexDigit);

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<string> differences)
    {
        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
                {
                    Compare($"{path}.{key}", a[key], b[key], differences);
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Compare($"{path}[{i}]", a[i], b[i], differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    differences.Add($"{path}: {before?.ToJsonString() ?? "null"} -> {after?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
