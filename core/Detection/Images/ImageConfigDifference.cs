using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dockward.Core.Detection.Images;

/// <summary>
/// What changes in the runtime defaults when a container moves from one image to another: the values an update
/// leaves to the new image. Image against image only: a container that sets its own value (its own env variable,
/// command, user, …) keeps it, so the caller drops the changes the container overrides.
/// </summary>
internal static class ImageConfigDifference
{
    // For people to read: quotes and shell characters as they are, not \u0022.
    private static readonly JsonSerializerOptions Display = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// One change per differing field, in a fixed order: <c>env.NAME</c> (by name, ordinal), <c>cmd</c>,
    /// <c>entrypoint</c>, <c>workdir</c>, <c>user</c>, <c>port.P</c> (by port), <c>volume.PATH</c> (by path),
    /// <c>stopsignal</c>, <c>healthcheck</c>, <c>shell</c>. Lists read as JSON arrays; an added port or volume has
    /// <see cref="ConfigChange.Before"/> null, a removed one <see cref="ConfigChange.After"/> null.
    /// </summary>
    public static IReadOnlyList<ConfigChange> Between(ImageDetails current, ImageDetails target)
    {
        var before = current.Config;
        var after = target.Config;
        var changes = new List<ConfigChange>();
        AddEnv(changes, before.Env, after.Env);
        Add(changes, "cmd", List(before.Cmd), List(after.Cmd));
        Add(changes, "entrypoint", List(before.Entrypoint), List(after.Entrypoint));
        Add(changes, "workdir", before.WorkingDir, after.WorkingDir);
        Add(changes, "user", before.User, after.User);
        AddMembers(changes, "port", before.ExposedPorts, after.ExposedPorts);
        AddMembers(changes, "volume", before.Volumes, after.Volumes);
        Add(changes, "stopsignal", before.StopSignal, after.StopSignal);
        Add(changes, "healthcheck", Healthcheck(before.Healthcheck), Healthcheck(after.Healthcheck));
        Add(changes, "shell", List(before.Shell), List(after.Shell));
        return changes;
    }

    private static void Add(List<ConfigChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new ConfigChange(field, before, after));
        }
    }

    private static void AddEnv(List<ConfigChange> changes, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var old = Variables(before);
        var @new = Variables(after);
        foreach (var name in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            Add(changes, "env." + name, old.GetValueOrDefault(name), @new.GetValueOrDefault(name));
        }
    }

    private static void AddMembers(List<ConfigChange> changes, string kind, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var old = before.ToHashSet(StringComparer.Ordinal);
        var @new = after.ToHashSet(StringComparer.Ordinal);
        foreach (var member in old.Union(@new).Order(StringComparer.Ordinal))
        {
            Add(changes, $"{kind}.{member}", old.Contains(member) ? member : null, @new.Contains(member) ? member : null);
        }
    }

    // The engine's reading: NAME=value, a later entry for a name replacing an earlier one; NAME alone is NAME="".
    private static Dictionary<string, string> Variables(IReadOnlyList<string> env)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in env)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            variables[equals < 0 ? entry : entry[..equals]] = equals < 0 ? "" : entry[(equals + 1)..];
        }

        return variables;
    }

    private static string? List(IReadOnlyList<string>? items) => items is null ? null : JsonSerializer.Serialize(items, Display);

    private static string? Healthcheck(ImageHealthcheck? check)
    {
        if (check is null)
        {
            return null;
        }

        var settings = new (string Name, string? Value)[]
        {
            ("interval", Duration(check.Interval)),
            ("timeout", Duration(check.Timeout)),
            ("start-period", Duration(check.StartPeriod)),
            ("start-interval", Duration(check.StartInterval)),
            ("retries", check.Retries?.ToString(CultureInfo.InvariantCulture)),
        };
        return string.Join(' ', settings.Where(s => s.Value is not null).Select(s => $"{s.Name}={s.Value}").Prepend(List(check.Test)));
    }

    private static string? Duration(TimeSpan? duration) => duration switch
    {
        null => null,
        { } d when d.Ticks % TimeSpan.TicksPerSecond == 0 => $"{d.Ticks / TimeSpan.TicksPerSecond}s",
        { } d => $"{d.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
    };
}
