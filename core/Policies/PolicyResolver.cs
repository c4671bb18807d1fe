using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Tags;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Policies;

/// <summary>
/// Works out a container's effective policy. Sources from weakest to strongest: built-in defaults (settings
/// <c>Policy:*</c>), the global policy, the container's group policy, the container's own policy (all three set
/// through the API), then the container's labels — unless an API policy that sets the same thing is locked. Whether
/// the container is managed at all is decided first by a person's explicit registration, when there is one
/// (source <c>management</c>).
/// </summary>
internal sealed class PolicyResolver(IOptions<DetectionOptions> detection, IOptions<PolicyOptions> options)
{
    public EffectivePolicy Resolve(ContainerRecord container, PolicyBook book) =>
        Resolve(container.AgentId, container.Name, container.Labels, book, container.Registered);

    /// <param name="registered">The container's explicit registration (<see cref="ContainerRecord.Registered"/>), when there is one.</param>
    public EffectivePolicy Resolve(string agentId, string name, IReadOnlyDictionary<string, string> labels, PolicyBook book, bool? registered = null)
    {
        var fromLabels = PolicyLabelReader.Read(labels);
        var stored = new[] { ("global", book.Global), ($"group {fromLabels.Group}", book.Group(fromLabels.Group)), ("container", book.Container(agentId, name)) }
            .Where(x => x.Item2 is not null)
            .Select(x => (Source: x.Item1, Record: x.Item2!))
            .ToList();
        var merge = new Merge(Defaults(), stored, fromLabels);
        var problems = new List<string>(fromLabels.Problems);

        var track = merge.Pick("track", s => s.Track)!.Value;
        TagPolicy? tags = null;
        if (track != TagTrack.Digest)
        {
            var built = TagPolicy.Create(
                track switch { TagTrack.Patch => UpdateLevel.Patch, TagTrack.Minor => UpdateLevel.Minor, _ => UpdateLevel.Major },
                merge.Pick("prerelease", s => s.Prerelease) ?? false,
                merge.Pick("tagInclude", s => s.TagInclude),
                merge.Pick("tagExclude", s => s.TagExclude),
                merge.Pick("tagPattern", s => s.TagPattern));
            if (built.IsValid)
            {
                tags = built.Policy;
            }
            else
            {
                problems.Add($"{built.Error}: only the digest is watched");
            }
        }

        var mode = merge.Pick("mode", s => s.Mode)!.Value;
        var windows = merge.Pick("windows", s => s.Windows) ?? [];
        if (mode == UpdateMode.Scheduled && windows.Count == 0)
        {
            // Scheduled with no window would wait forever without saying so; the safe reading is monitor.
            problems.Add("mode scheduled has no maintenance window: treated as monitor");
            mode = UpdateMode.Monitor;
        }

        var managed = merge.Pick("enabled", s => s.Enabled) ?? false;
        if (registered is { } explicitly)
        {
            managed = explicitly;
            merge.Sources["enabled"] = "management";
        }

        return new EffectivePolicy(
            managed,
            mode,
            windows,
            merge.Pick("approvalExpiry", s => s.ApprovalExpiry)!.Value,
            tags is null ? TagTrack.Digest : track,
            tags,
            merge.Pick("skip", s => s.Skip) ?? [],
            merge.Pick("pin", s => s.Pin),
            merge.Pick("minimumAge", s => s.MinimumAge) ?? TimeSpan.Zero,
            merge.Pick("checkInterval", s => s.CheckInterval),
            merge.Pick("strategy", s => s.Strategy)!.Value,
            merge.Pick("rollout", s => s.Rollout)!.Value,
            merge.Pick("canaryCount", s => s.CanaryCount)!.Value,
            merge.Pick("canaryPercent", s => s.CanaryPercent)!.Value,
            merge.Pick("canaryWindow", s => s.CanaryWindow)!.Value,
            merge.Pick("rollbackScope", s => s.RollbackScope)!.Value,
            merge.Pick("monitorWindow", s => s.MonitorWindow)!.Value,
            merge.Pick("healthTimeout", s => s.HealthTimeout)!.Value,
            fromLabels.Group,
            merge.Sources,
            [.. problems, .. merge.Problems]);
    }

    /// <summary>Parses a mode as users write it in labels and settings.</summary>
    public static bool TryParseMode(string? text, out UpdateMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                mode = UpdateMode.Auto;
                return true;
            case "monitor":
            case "monitor-only":
                mode = UpdateMode.Monitor;
                return true;
            case "scheduled":
                mode = UpdateMode.Scheduled;
                return true;
            case "manual":
                mode = UpdateMode.Manual;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    private PolicySettings Defaults()
    {
        var o = options.Value;
        return new PolicySettings
        {
            Enabled = detection.Value.ManageAllContainers,
            Mode = o.DefaultMode,
            ApprovalExpiry = o.ApprovalExpiry,
            Track = TagTrack.Digest,
            Strategy = UpdateStrategy.StopFirst,
            Rollout = RolloutKind.None,
            CanaryCount = 1,
            CanaryPercent = 0,
            CanaryWindow = o.CanaryWindow,
            RollbackScope = RollbackScope.Failed,
            MonitorWindow = TimeSpan.FromSeconds(o.MonitorWindowSeconds),
            HealthTimeout = TimeSpan.FromSeconds(o.HealthTimeoutSeconds),
        };
    }

    /// <summary>Picks each setting from the strongest source that gives it, and remembers which one that was.</summary>
    private sealed class Merge(PolicySettings defaults, IReadOnlyList<(string Source, PolicyRecord Record)> stored, LabelPolicy labels)
    {
        public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

        public List<string> Problems { get; } = [];

        public T? Pick<T>(string setting, Func<PolicySettings, T?> get)
        {
            var locked = stored.LastOrDefault(x => x.Record.Locked && get(x.Record.Settings) is not null);
            if (get(labels.Settings) is { } labelled)
            {
                if (locked.Record is null)
                {
                    Sources[setting] = $"label {labels.LabelOf.GetValueOrDefault(setting, setting)}";
                    return labelled;
                }

                Problems.Add($"label {labels.LabelOf.GetValueOrDefault(setting, setting)} ignored: {setting} is locked by the {locked.Source} policy");
            }

            foreach (var (source, record) in Enumerable.Reverse(stored))
            {
                if (get(record.Settings) is { } value)
                {
                    Sources[setting] = source;
                    return value;
                }
            }

            if (get(defaults) is { } fallback)
            {
                Sources[setting] = "default";
                return fallback;
            }

            return default;
        }
    }
}
