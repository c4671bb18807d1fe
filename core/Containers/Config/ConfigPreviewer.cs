using System.Globalization;
using Dockward.Contracts;

namespace Dockward.Core.Containers.Config;

/// <summary>
/// Works out what a configuration edit does to a container, the way the agent will apply it: env and labels set or
/// removed by name (a set variable keeps its place, a new one goes last), ports replaced, bind and volume mounts
/// replaced (tmpfs stays), the restart policy replaced. Env values that look secret are masked unless
/// <c>revealSecrets</c>.
/// </summary>
internal static class ConfigPreviewer
{
    public const string EnvPart = "env";
    public const string PortsPart = "ports";
    public const string MountsPart = "mounts";
    public const string LabelsPart = "labels";
    public const string RestartPolicyPart = "restartPolicy";

    /// <param name="details">The container's details as its agent reported them; null when the agent reports none.</param>
    /// <param name="labels">The container's labels.</param>
    public static ConfigPreview Preview(ContainerDetails? details, IReadOnlyDictionary<string, string> labels, ConfigChange change, bool revealSecrets)
    {
        var currentEnv = details?.Env.Select(Split).ToList();
        var proposedEnv = currentEnv is not null && change.Env is { } envChange ? Edited(currentEnv, envChange) : currentEnv;
        var proposedLabels = Edited(labels, change.Labels);
        var keptMounts = details?.Mounts.Where(m => m.Type == "tmpfs").ToList() ?? [];

        var changes = new List<ConfigDifference>();
        changes.AddRange(EnvChanges(currentEnv, change.Env, revealSecrets));
        changes.AddRange(LabelChanges(labels, change.Labels));
        if (change.Ports is { } ports)
        {
            changes.AddRange(Differences(PortsPart, details?.Ports, ports, p => $"{p.ContainerPort}/{p.Protocol}", Binding));
        }

        if (change.Mounts is { } mounts)
        {
            var current = details?.Mounts.Where(m => m.Type != "tmpfs").ToList();
            changes.AddRange(Differences(MountsPart, current, mounts, m => m.Destination, Describe));
        }

        if (change.RestartPolicy is { } restart && (details is null || Describe(details.RestartPolicy) != Describe(restart)))
        {
            changes.Add(new ConfigDifference(RestartPolicyPart, RestartPolicyPart, details is null ? null : Describe(details.RestartPolicy), Describe(restart)));
        }

        var currentView = new ContainerConfigView(Shown(currentEnv, revealSecrets), details?.Ports, details?.Mounts, labels, details?.RestartPolicy);
        var proposedView = new ContainerConfigView(
            Shown(proposedEnv, revealSecrets),
            change.Ports ?? details?.Ports,
            change.Mounts is { } replaced ? [.. keptMounts, .. replaced] : details?.Mounts,
            proposedLabels,
            change.RestartPolicy ?? details?.RestartPolicy);
        return new ConfigPreview(changes, currentView, proposedView);
    }

    /// <summary>A short, readable summary of the edit for the audit log: what it touches, never an env value.</summary>
    public static string Summary(ConfigChange change)
    {
        var parts = new List<string>();
        if (change.Env is { Count: > 0 } env)
        {
            parts.Add($"env {string.Join(", ", env.Select(e => e.Value is null ? "-" + e.Key : e.Key))}");
        }

        if (change.Labels is { Count: > 0 } labels)
        {
            parts.Add($"labels {string.Join(", ", labels.Select(l => l.Value is null ? "-" + l.Key : $"{l.Key}={l.Value}"))}");
        }

        if (change.Ports is { } ports)
        {
            parts.Add($"ports [{string.Join(", ", ports.Select(p => $"{p.ContainerPort}/{p.Protocol} {Binding(p)}"))}]");
        }

        if (change.Mounts is { } mounts)
        {
            parts.Add($"mounts [{string.Join(", ", mounts.Select(m => $"{m.Destination} {Describe(m)}"))}]");
        }

        if (change.RestartPolicy is { } restart)
        {
            parts.Add($"restart policy {Describe(restart)}");
        }

        return string.Join("; ", parts);
    }

    private static IEnumerable<ConfigDifference> EnvChanges(List<(string Name, string Value)>? current, IReadOnlyDictionary<string, string?>? change, bool revealSecrets)
    {
        foreach (var (name, after) in change ?? new Dictionary<string, string?>())
        {
            var before = current?.Where(e => e.Name == name).Select(e => (string?)e.Value).FirstOrDefault();
            if (current is not null && before == after)
            {
                continue;
            }

            var masked = !revealSecrets && (SecretLookingNames.IsSecret(name, before) || SecretLookingNames.IsSecret(name, after));
            yield return new ConfigDifference(EnvPart, name, Mask(before, masked), Mask(after, masked));
        }
    }

    private static IEnumerable<ConfigDifference> LabelChanges(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?>? change) =>
        (change ?? new Dictionary<string, string?>())
            .Select(c => new ConfigDifference(LabelsPart, c.Key, current.TryGetValue(c.Key, out var before) ? before : null, c.Value))
            .Where(d => d.Before != d.After);

    /// <summary>Differences between two lists that each replace the other, matched by key and compared as text.</summary>
    private static IEnumerable<ConfigDifference> Differences<T>(string part, IReadOnlyList<T>? current, IReadOnlyList<T> proposed, Func<T, string> key, Func<T, string> text)
    {
        var before = (current ?? []).GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Joined(g, text), StringComparer.Ordinal);
        var after = proposed.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Joined(g, text), StringComparer.Ordinal);
        foreach (var name in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(name);
            var becomes = after.GetValueOrDefault(name);
            if (was != becomes)
            {
                yield return new ConfigDifference(part, name, was, becomes);
            }
        }
    }

    private static string Joined<T>(IEnumerable<T> items, Func<T, string> text) =>
        string.Join(", ", items.Select(text).Order(StringComparer.Ordinal));

    private static string Binding(PortMapping port) => port.HostPort is not { } hostPort
        ? "exposed"
        : string.IsNullOrEmpty(port.HostIp) ? hostPort.ToString(CultureInfo.InvariantCulture) : $"{port.HostIp}:{hostPort}";

    private static string Describe(MountInfo mount) => $"{mount.Type} {mount.Source}{(mount.ReadOnly ? " (read-only)" : "")}";

    private static string Describe(RestartPolicySpec restart) =>
        restart.Name == "on-failure" && restart.MaximumRetryCount > 0 ? $"on-failure:{restart.MaximumRetryCount}" : restart.Name;

    private static (string Name, string Value) Split(string entry)
    {
        var parts = entry.Split('=', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : "");
    }

    /// <summary>The variables with the change applied: a set one keeps its place, a new one goes last, a removed one goes.</summary>
    private static List<(string Name, string Value)> Edited(List<(string Name, string Value)> env, IReadOnlyDictionary<string, string?> change)
    {
        var result = new List<(string, string)>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in env)
        {
            if (!change.TryGetValue(name, out var edited))
            {
                result.Add((name, value));
            }
            else if (edited is not null && done.Add(name))
            {
                result.Add((name, edited));
            }
        }

        result.AddRange(change.Where(c => c.Value is not null && !done.Contains(c.Key)).Select(c => (c.Key, c.Value!)));
        return result;
    }

    private static Dictionary<string, string> Edited(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string?>? change)
    {
        var result = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        foreach (var (key, value) in change ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static List<EnvVariable>? Shown(List<(string Name, string Value)>? env, bool revealSecrets) =>
        env?.Select(e => !revealSecrets && SecretLookingNames.IsSecret(e.Name, e.Value)
            ? new EnvVariable(e.Name, SecretLookingNames.Mask, true)
            : new EnvVariable(e.Name, e.Value, false)).ToList();

    private static string? Mask(string? value, bool masked) => value is not null && masked ? SecretLookingNames.Mask : value;
}
