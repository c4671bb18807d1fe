using System.Text.Json;
using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>
/// The create request for the new container, built from what the old container really is. Settings the
/// old container only had because its image supplied them (env, cmd, entrypoint, labels, working dir,
/// user, healthcheck…) are left out so the new image's defaults apply instead of frozen old ones.
/// </summary>
internal sealed record RecreatePlan(CreateContainerParameters Create, IReadOnlyList<(string Network, EndpointSettings Endpoint)> ExtraNetworks)
{
    private static readonly HashSet<string> BuiltInNetworkModes = new(StringComparer.Ordinal) { "default", "bridge", "host", "none" };

    public static RecreatePlan From(ContainerInspectResponse old, ImageInspectResponse oldImage, string imageReference)
    {
        var config = old.Config;
        var defaults = oldImage.Config ?? new Config();
        var shortId = old.ID[..12];

        var create = new CreateContainerParameters
        {
            Name = old.Name.TrimStart('/'),
            Image = imageReference,
            Hostname = config.Hostname == shortId ? null : config.Hostname,
            Domainname = config.Domainname,
            User = config.User == defaults.User ? null : config.User,
            AttachStdin = config.AttachStdin,
            AttachStdout = config.AttachStdout,
            AttachStderr = config.AttachStderr,
            Tty = config.Tty,
            OpenStdin = config.OpenStdin,
            StdinOnce = config.StdinOnce,
            Env = Without(config.Env, defaults.Env),
            Cmd = SameList(config.Cmd, defaults.Cmd) ? null : config.Cmd,
            Entrypoint = SameList(config.Entrypoint, defaults.Entrypoint) ? null : config.Entrypoint,
            Healthcheck = SameJson(config.Healthcheck, defaults.Healthcheck) ? null : config.Healthcheck,
            WorkingDir = config.WorkingDir == defaults.WorkingDir ? null : config.WorkingDir,
            Labels = Without(config.Labels, defaults.Labels),
            ExposedPorts = Without(config.ExposedPorts, defaults.ExposedPorts),
            Volumes = Without(config.Volumes, defaults.Volumes),
            StopSignal = config.StopSignal == defaults.StopSignal ? null : config.StopSignal,
            StopTimeout = config.StopTimeout,
            Shell = SameList(config.Shell, defaults.Shell) ? null : config.Shell,
            MacAddress = config.MacAddress,
            HostConfig = HostConfigWithAnonymousVolumes(old),
        };

        var networks = old.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>();
        var primary = old.HostConfig.NetworkMode;
        var extra = new List<(string, EndpointSettings)>();
        foreach (var (name, endpoint) in networks)
        {
            var settings = Endpoint(endpoint, shortId);
            if (name == primary && !BuiltInNetworkModes.Contains(name))
            {
                create.NetworkingConfig = new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [name] = settings } };
            }
            else if (name != primary && !(primary == "default" && name == "bridge"))
            {
                // API 1.41 takes one network at create; the rest are connected before the first start.
                extra.Add((name, settings));
            }
        }

        return new RecreatePlan(create, extra);
    }

    /// <summary>Only what the user configured on an endpoint; addresses the engine assigned are not carried.</summary>
    private static EndpointSettings Endpoint(EndpointSettings old, string shortId) => new()
    {
        // The engine adds the container's short id as an alias; carrying it over would pile up dead aliases.
        Aliases = old.Aliases?.Where(a => a != shortId).ToList(),
        IPAMConfig = old.IPAMConfig,
        Links = old.Links,
        DriverOpts = old.DriverOpts,
    };

    private static HostConfig HostConfigWithAnonymousVolumes(ContainerInspectResponse old)
    {
        var host = old.HostConfig;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bind in host.Binds ?? [])
        {
            named.Add(bind.Split(':')[0]);
        }

        foreach (var mount in host.Mounts ?? [])
        {
            named.Add(mount.Source ?? "");
        }

        // Anonymous volumes (from the image's VOLUME or -v /path) hold data too: re-attach them by name.
        var anonymous = (old.Mounts ?? [])
            .Where(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Name) && !named.Contains(m.Name))
            .Select(m => $"{m.Name}:{m.Destination}{(m.RW ? "" : ":ro")}")
            .ToList();
        if (anonymous.Count > 0)
        {
            host.Binds = [.. host.Binds ?? [], .. anonymous];
        }

        return host;
    }

    private static List<string>? Without(IList<string>? values, IList<string>? defaults)
    {
        if (values is null)
        {
            return null;
        }

        var inherited = new HashSet<string>(defaults ?? [], StringComparer.Ordinal);
        return values.Where(v => !inherited.Contains(v)).ToList();
    }

    private static Dictionary<string, TValue>? Without<TValue>(IDictionary<string, TValue>? values, IDictionary<string, TValue>? defaults)
    {
        if (values is null)
        {
            return null;
        }

        return values
            .Where(kv => defaults is null || !defaults.TryGetValue(kv.Key, out var inherited) || !SameJson(inherited, kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    private static bool SameList(IList<string>? a, IList<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SequenceEqual(b);

    private static bool SameJson<T>(T a, T b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
