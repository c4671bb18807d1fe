using System.Text.Json;
using Docker.DotNet.Models;
using Dockward.Agent.Docker;

namespace Dockward.Agent.Updates;

/// <summary>
/// The create request for the new container, built from what the old container really is. Settings the
/// old container only had because its image supplied them (env, cmd, entrypoint, labels, exposed ports,
/// volumes, working dir, user, healthcheck, stop signal, shell) are left out so the new image's defaults
/// apply instead of frozen old ones; everything the user set is kept: the whole HostConfig, every network
/// with its aliases, static and link-local addresses, links, driver options and MAC, and the anonymous
/// volumes by name.
/// </summary>
/// <param name="Create">The create call; before API 1.44 it carries only the primary network.</param>
/// <param name="ExtraNetworks">Networks to connect one by one after create and before the first start (API before 1.44).</param>
internal sealed record RecreatePlan(CreateContainerParameters Create, IReadOnlyList<(string Network, EndpointSettings Endpoint)> ExtraNetworks)
{
    private static readonly HashSet<string> BuiltInNetworkModes = new(StringComparer.Ordinal) { "default", "bridge", "host", "none" };

    /// <param name="old">The old container's inspect.</param>
    /// <param name="oldImage">The old container's image: what equals its defaults is left to the new image.</param>
    /// <param name="imageReference">The reference the new container is created from (the old <c>Config.Image</c>).</param>
    /// <param name="api">The engine API the request is sent with (<see cref="EngineApi.Default"/>, 1.41, when not given).</param>
    /// <param name="withAliases">
    /// False for a blue-green update: the new container joins every network without the old one's aliases, which
    /// it gets once it passed its gate (<see cref="AliasedNetworks"/> of the plan made with them).
    /// </param>
    public static RecreatePlan From(ContainerInspectResponse old, ImageInspectResponse oldImage, string imageReference, EngineApi? api = null, bool withAliases = true)
    {
        api ??= EngineApi.Default;
        var config = old.Config;
        var defaults = oldImage.Config ?? new Config();
        var shortId = old.ID[..Math.Min(12, old.ID.Length)];
        var host = Copy(old.HostConfig) ?? new HostConfig();
        // In another container's network namespace the engine copies that container's hostname and domain
        // name in at start, and refuses a create that sets them.
        var sharesNetwork = host.NetworkMode?.StartsWith("container:", StringComparison.Ordinal) == true;

        var create = new CreateContainerParameters
        {
            Name = old.Name.TrimStart('/'),
            Image = imageReference,
            // The engine names a container after its short id unless told otherwise: the new one gets its own.
            Hostname = sharesNetwork || config.Hostname == shortId ? null : config.Hostname,
            Domainname = sharesNetwork ? null : config.Domainname,
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
            NetworkDisabled = config.NetworkDisabled,
            // Only a MAC the user set is in Config (the engine's own is in NetworkSettings); from 1.44 it goes on the endpoint.
            MacAddress = api.TakesEndpointMacAddress || string.IsNullOrEmpty(config.MacAddress) ? null : config.MacAddress,
            HostConfig = ForApi(WithAnonymousVolumes(host, old.Mounts, config.Volumes), api),
        };

        var extra = new List<(string, EndpointSettings)>();
        var endpoints = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal);
        var primary = host.NetworkMode == "default" ? "bridge" : host.NetworkMode ?? "bridge";
        foreach (var (name, endpoint) in old.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
        {
            var settings = Endpoint(endpoint, shortId, withAliases);
            if (name == primary && api.TakesEndpointMacAddress && !string.IsNullOrEmpty(config.MacAddress))
            {
                settings.MacAddress = config.MacAddress;
            }

            if (name is "host" or "none" || sharesNetwork)
            {
                // The network mode itself says it all; such a container has no endpoint of its own to recreate.
                continue;
            }

            if (api.CreatesWithEveryNetwork || (name == primary && !BuiltInNetworkModes.Contains(name)))
            {
                endpoints[name] = settings;
            }
            else if (name != primary)
            {
                // Before API 1.44 create takes one network; the rest are connected before the first start.
                extra.Add((name, settings));
            }
        }

        if (endpoints.Count > 0)
        {
            create.NetworkingConfig = new NetworkingConfig { EndpointsConfig = endpoints };
        }

        return new RecreatePlan(create, extra);
    }

    /// <summary>
    /// The networks on which the new container gets aliases (only user-defined networks have any), each with the
    /// whole endpoint to connect it with.
    /// </summary>
    public IReadOnlyList<(string Network, EndpointSettings Endpoint)> AliasedNetworks =>
        (Create.NetworkingConfig?.EndpointsConfig ?? new Dictionary<string, EndpointSettings>())
            .Select(e => (Network: e.Key, Endpoint: e.Value))
            .Concat(ExtraNetworks)
            .Where(e => e.Endpoint.Aliases is { Count: > 0 })
            .ToList();

    /// <summary>Only what the user configured on an endpoint; addresses the engine assigned are not carried.</summary>
    private static EndpointSettings Endpoint(EndpointSettings old, string shortId, bool withAliases) => new()
    {
        // The engine adds the container's short id as an alias; carrying it over would pile up dead aliases.
        Aliases = withAliases && old.Aliases?.Where(a => a != shortId).ToList() is { Count: > 0 } aliases ? aliases : null,
        // Set only when the user asked for a static IPv4/IPv6 or link-local address: kept as asked.
        IPAMConfig = old.IPAMConfig,
        Links = old.Links,
        DriverOpts = old.DriverOpts,
    };

    /// <summary>
    /// Anonymous volumes (from a VOLUME of the image, <c>-v /path</c> or a source-less volume mount) hold data
    /// too: they are re-attached by name, so the new container sees the same data and nothing is orphaned.
    /// Volumes at other places came from <c>--volumes-from</c>, which is carried as it is and mounts the donor's
    /// volumes as they are then.
    /// </summary>
    private static HostConfig WithAnonymousVolumes(HostConfig host, IList<MountPoint>? mounts, IDictionary<string, EmptyStruct>? declared)
    {
        var volumes = (mounts ?? []).Where(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Name)).ToList();
        var attached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bind in host.Binds ?? [])
        {
            // name:/dest[:options]; a host path's first part is a path, never a volume's name.
            attached.Add(bind.Split(':')[0]);
        }

        var hostMounts = host.Mounts?.ToList() ?? [];
        foreach (var mount in hostMounts.Where(m => m.Type == "volume"))
        {
            if (string.IsNullOrEmpty(mount.Source) && volumes.FirstOrDefault(v => v.Destination == mount.Target) is { } created)
            {
                mount.Source = created.Name;
            }

            attached.Add(mount.Source ?? "");
        }

        foreach (var anonymous in volumes.Where(v => !attached.Contains(v.Name) && declared?.ContainsKey(v.Destination) == true))
        {
            hostMounts.Add(new Mount { Type = "volume", Source = anonymous.Name, Target = anonymous.Destination, ReadOnly = !anonymous.RW });
        }

        host.Mounts = hostMounts.Count > 0 ? hostMounts : null;
        return host;
    }

    /// <summary>Drops the HostConfig fields the negotiated API version does not know.</summary>
    private static HostConfig ForApi(HostConfig host, EngineApi api)
    {
        if (!api.KnowsCgroupnsMode)
        {
            host.CgroupnsMode = null;
        }

        return host;
    }

    /// <summary>A deep copy, so the plan never changes the inspect it was built from (the rollback still reads it).</summary>
    private static T? Copy<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value));

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
