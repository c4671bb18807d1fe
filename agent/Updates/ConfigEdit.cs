using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// Applies a <see cref="ConfigChange"/> to the create request of the new container (<see cref="RecreatePlan"/>):
/// env and labels set or removed by name (the others keep their order), port bindings and exposed ports replaced,
/// bind and volume mounts replaced (tmpfs mounts stay), the restart policy replaced. Everything else is the old
/// container's, as for any update. The change was validated by the control plane; what reaches here is applied
/// as given.
/// </summary>
internal static class ConfigEdit
{
    public static void Apply(CreateContainerParameters create, ContainerInspectResponse old, ImageInspectResponse oldImage, ConfigChange change)
    {
        var defaults = oldImage.Config ?? new Config();
        var host = create.HostConfig ??= new HostConfig();
        if (change.Env is { Count: > 0 } env)
        {
            // Edited on what the container really has; what still equals the image's default is left to the image.
            var edited = Edited(old.Config.Env ?? [], env);
            var inherited = new HashSet<string>(defaults.Env ?? [], StringComparer.Ordinal);
            create.Env = [.. edited.Where(v => !inherited.Contains(v))];
        }

        if (change.Labels is { Count: > 0 } labels)
        {
            var edited = new Dictionary<string, string>(old.Config.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in labels)
            {
                if (value is null)
                {
                    edited.Remove(key);
                }
                else
                {
                    edited[key] = value;
                }
            }

            var imageLabels = defaults.Labels ?? new Dictionary<string, string>();
            create.Labels = edited.Where(l => !imageLabels.TryGetValue(l.Key, out var inherited) || inherited != l.Value)
                .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        }

        if (change.Ports is { } ports)
        {
            create.ExposedPorts = ports.Select(Key).Distinct(StringComparer.Ordinal).ToDictionary(k => k, _ => new EmptyStruct(), StringComparer.Ordinal);
            host.PortBindings = ports.Where(p => p.HostPort is not null)
                .GroupBy(Key, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => (IList<PortBinding>)[.. g.Select(p => new PortBinding { HostIP = p.HostIp ?? "", HostPort = p.HostPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
                    StringComparer.Ordinal);
            // Publishing every exposed port on a random host port would add bindings the edit did not list.
            host.PublishAllPorts = false;
        }

        if (change.Mounts is { } mounts)
        {
            // -v host:dest and --mount both end up as mounts of the new container; tmpfs (--mount type=tmpfs) stays.
            host.Binds = null;
            host.Mounts = [.. (host.Mounts ?? []).Where(m => m.Type == "tmpfs"), .. mounts.Select(m => new Mount
            {
                Type = m.Type,
                Source = m.Source,
                Target = m.Destination,
                ReadOnly = m.ReadOnly,
            })];
            // Volumes the image declares are created anonymously unless a listed mount covers them: that is the
            // image's doing, as on any fresh container; only destinations no longer listed are dropped here.
            create.Volumes = create.Volumes?.Where(v => mounts.Any(m => m.Destination == v.Key) || (defaults.Volumes?.ContainsKey(v.Key) ?? false))
                .ToDictionary(v => v.Key, v => v.Value);
        }

        if (change.RestartPolicy is { } restart)
        {
            host.RestartPolicy = new RestartPolicy { Name = Kind(restart.Name), MaximumRetryCount = restart.MaximumRetryCount };
        }
    }

    /// <summary>
    /// Whether the container runs <paramref name="digest"/>: the registry digest of its image (in any repository
    /// it was pulled from) or, for an image built on this host, the image's own id.
    /// </summary>
    public static bool Runs(ContainerInspectResponse container, ImageInspectResponse image, string digest) =>
        container.Image == digest || (image.RepoDigests ?? []).Any(d => d.EndsWith("@" + digest, StringComparison.Ordinal));

    /// <summary><c>KEY=VALUE</c> entries with the change applied: a set variable keeps its place, a new one goes last.</summary>
    public static IReadOnlyList<string> Edited(IEnumerable<string> env, IReadOnlyDictionary<string, string?> change)
    {
        var result = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in env)
        {
            var name = entry.Split('=', 2)[0];
            if (!change.TryGetValue(name, out var value))
            {
                result.Add(entry);
            }
            else if (value is not null && done.Add(name))
            {
                result.Add($"{name}={value}");
            }
        }

        result.AddRange(change.Where(c => c.Value is not null && !done.Contains(c.Key)).Select(c => $"{c.Key}={c.Value}"));
        return result;
    }

    private static string Key(PortMapping port) => $"{port.ContainerPort}/{port.Protocol.ToLowerInvariant()}";

    private static RestartPolicyKind Kind(string name) => name switch
    {
        "always" => RestartPolicyKind.Always,
        "unless-stopped" => RestartPolicyKind.UnlessStopped,
        "on-failure" => RestartPolicyKind.OnFailure,
        _ => RestartPolicyKind.No,
    };
}
