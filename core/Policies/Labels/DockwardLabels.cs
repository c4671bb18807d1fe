using System.Globalization;

namespace Dockward.Core.Policies.Labels;

/// <summary>
/// Reads Dockward's own labels (<see cref="PolicyLabels"/>). A label that cannot be read never lets more happen
/// than its owner asked for: it is ignored, or read in the narrowest way, with a problem that says which.
/// </summary>
internal static class DockwardLabels
{
    public static void Read(LabelReading r)
    {
        r.Enable(PolicyLabels.Enable);
        Mode(r);
        Windows(r);
        Tags(r);
        Skip(r);
        Pin(r);
        Durations(r);
        Strategy(r);
        Rollout(r);
        Canary(r);
    }

    private static void Mode(LabelReading r)
    {
        if (!r.Has(PolicyLabels.Mode, out var text))
        {
            return;
        }

        if (PolicyResolver.TryParseMode(text, out var mode))
        {
            r.Set("mode", PolicyLabels.Mode, s => s with { Mode = mode });
        }
        else
        {
            // A mistyped mode must not update a container its owner meant to protect.
            r.Hold(PolicyLabels.Mode, text, "is not auto, scheduled, manual or monitor");
        }
    }

    private static void Windows(LabelReading r)
    {
        if (!r.TryGet(PolicyLabels.Windows, out var text))
        {
            return;
        }

        var windows = new List<MaintenanceWindow>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (MaintenanceWindow.TryParse(part, out var window, out var error))
            {
                windows.Add(window!);
            }
            else
            {
                r.Problems.Add($"{PolicyLabels.Windows}: {error}: that window is ignored");
            }
        }

        if (windows.Count > PolicyValidation.MaxWindows)
        {
            r.Problems.Add($"{PolicyLabels.Windows} has {windows.Count} windows: only the first {PolicyValidation.MaxWindows} are used");
            windows = windows[..PolicyValidation.MaxWindows];
        }

        // Even none left is the label's answer: falling back to a group's windows could open wider ones.
        r.Set("windows", PolicyLabels.Windows, s => s with { Windows = windows });
    }

    private static void Tags(LabelReading r)
    {
        if (r.TryGet(PolicyLabels.Tag, out var track))
        {
            TagTrack? parsed = track.ToLowerInvariant() switch
            {
                "digest" => TagTrack.Digest,
                "patch" => TagTrack.Patch,
                "minor" => TagTrack.Minor,
                "major" => TagTrack.Major,
                _ => null,
            };
            if (parsed is null)
            {
                r.Problem(PolicyLabels.Tag, track, "is not digest, patch, minor or major", "only the digest is watched");
            }

            r.Set("track", PolicyLabels.Tag, s => s with { Track = parsed ?? TagTrack.Digest });
        }

        if (r.TryGet(PolicyLabels.TagPrerelease, out var prerelease))
        {
            if (bool.TryParse(prerelease, out var allow))
            {
                r.Set("prerelease", PolicyLabels.TagPrerelease, s => s with { Prerelease = allow });
            }
            else
            {
                r.Problem(PolicyLabels.TagPrerelease, prerelease, "is not true or false", "only the digest is watched");
                r.Set("track", PolicyLabels.TagPrerelease, s => s with { Track = TagTrack.Digest });
            }
        }

        // The patterns are compiled when the policy is resolved; a bad one there means only the digest is watched.
        Text(r, PolicyLabels.TagInclude, "tagInclude", (s, v) => s with { TagInclude = v });
        Text(r, PolicyLabels.TagExclude, "tagExclude", (s, v) => s with { TagExclude = v });
        Text(r, PolicyLabels.TagPattern, "tagPattern", (s, v) => s with { TagPattern = v });
    }

    private static void Skip(LabelReading r)
    {
        if (!r.TryGet(PolicyLabels.Skip, out var text))
        {
            return;
        }

        var entries = new List<string>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (PolicyValidation.IsTag(entry) || PolicyValidation.IsDigest(entry))
            {
                entries.Add(entry);
            }
            else
            {
                // No image has such a tag or digest, so leaving it out skips nothing less.
                r.Problems.Add($"{PolicyLabels.Skip}: '{entry}' is neither a tag nor a sha256: digest: that entry is ignored");
            }
        }

        // Every readable entry is kept, even past the API's limit: dropping one would let that version in.
        r.Set("skip", PolicyLabels.Skip, s => s with { Skip = entries });
    }

    private static void Pin(LabelReading r)
    {
        if (!r.TryGet(PolicyLabels.Pin, out var pin))
        {
            return;
        }

        if (PolicyValidation.IsTag(pin))
        {
            r.Set("pin", PolicyLabels.Pin, s => s with { Pin = pin });
        }
        else
        {
            // Without the pin, newer tags would be taken; watching only the digest holds the container where it is.
            r.Problem(PolicyLabels.Pin, pin, "is not a tag", "only the digest is watched");
            r.Set("track", PolicyLabels.Pin, s => s with { Track = TagTrack.Digest });
        }
    }

    private static void Durations(LabelReading r)
    {
        Duration(r, PolicyLabels.ApprovalExpiry, "approvalExpiry", (s, v) => s with { ApprovalExpiry = v }, "the inherited expiry applies");
        Duration(r, PolicyLabels.Interval, "checkInterval", (s, v) => s with { CheckInterval = v }, "the inherited interval applies");
        Duration(r, PolicyLabels.CanaryWindow, "canaryWindow", (s, v) => s with { CanaryWindow = v }, "the inherited canary window applies");
        Duration(r, PolicyLabels.MonitorWindow, "monitorWindow", (s, v) => s with { MonitorWindow = v }, "the inherited monitor window applies");
        Duration(r, PolicyLabels.HealthTimeout, "healthTimeout", (s, v) => s with { HealthTimeout = v }, "the inherited health timeout applies");

        // An ignored minimum age would take images sooner than asked: hold the container instead.
        if (r.TryGet(PolicyLabels.MinimumAge, out var text))
        {
            if (ReadDuration(text, (s, v) => s with { MinimumAge = v }, out var age, out var why))
            {
                r.Set("minimumAge", PolicyLabels.MinimumAge, s => s with { MinimumAge = age });
            }
            else
            {
                r.Hold(PolicyLabels.MinimumAge, text, why!);
            }
        }
    }

    private static void Strategy(LabelReading r)
    {
        if (!r.TryGet(PolicyLabels.UpdateOrder, out var text))
        {
            return;
        }

        UpdateStrategy? strategy = text.ToLowerInvariant() switch
        {
            "stop-first" => UpdateStrategy.StopFirst,
            "start-first" => UpdateStrategy.StartFirst,
            "blue-green" => UpdateStrategy.BlueGreen,
            _ => null,
        };
        if (strategy is { } known)
        {
            r.Set("strategy", PolicyLabels.UpdateOrder, s => s with { Strategy = known });
        }
        else
        {
            r.Problem(PolicyLabels.UpdateOrder, text, "is not stop-first, start-first or blue-green", "the inherited strategy applies");
        }
    }

    private static void Rollout(LabelReading r)
    {
        if (r.TryGet(PolicyLabels.Rollout, out var text))
        {
            RolloutKind? kind = text.ToLowerInvariant() switch
            {
                "none" => RolloutKind.None,
                "rolling" => RolloutKind.Rolling,
                "canary" => RolloutKind.Canary,
                _ => null,
            };
            if (kind is null)
            {
                // One at a time, halting on a failure, is the most careful way a group can be updated.
                r.Problem(PolicyLabels.Rollout, text, "is not none, rolling or canary", "treated as rolling");
            }

            r.Set("rollout", PolicyLabels.Rollout, s => s with { Rollout = kind ?? RolloutKind.Rolling });
        }

        if (r.TryGet(PolicyLabels.Rollback, out var scope))
        {
            RollbackScope? parsed = scope.ToLowerInvariant() switch
            {
                "failed" => RollbackScope.Failed,
                "group" => RollbackScope.Group,
                _ => null,
            };
            if (parsed is { } known)
            {
                r.Set("rollbackScope", PolicyLabels.Rollback, s => s with { RollbackScope = known });
            }
            else
            {
                r.Problem(PolicyLabels.Rollback, scope, "is not failed or group", "the inherited rollback scope applies");
            }
        }
    }

    private static void Canary(LabelReading r)
    {
        Number(r, PolicyLabels.CanaryCount, "canaryCount", (s, v) => s with { CanaryCount = v }, "the inherited canary count applies");
        Number(r, PolicyLabels.CanaryPercent, "canaryPercent", (s, v) => s with { CanaryPercent = v }, "the inherited canary share applies");
    }

    private static void Text(LabelReading r, string label, string setting, Func<PolicySettings, string, PolicySettings> set)
    {
        if (r.TryGet(label, out var value))
        {
            r.Set(setting, label, s => set(s, value));
        }
    }

    private static void Duration(
        LabelReading r, string label, string setting, Func<PolicySettings, TimeSpan, PolicySettings> set, string instead)
    {
        if (!r.TryGet(label, out var text))
        {
            return;
        }

        if (ReadDuration(text, set, out var value, out var why))
        {
            r.Set(setting, label, s => set(s, value));
        }
        else
        {
            r.Problem(label, text, why!, instead);
        }
    }

    /// <summary>Parses a duration and checks it against the setting's limits (<see cref="PolicyValidation"/>).</summary>
    private static bool ReadDuration(string text, Func<PolicySettings, TimeSpan, PolicySettings> set, out TimeSpan value, out string? why)
    {
        if (!Policies.Duration.TryParse(text, out value, out why))
        {
            why = "is not a duration such as 90s, 30m, 1h30m, 7d or 2w";
            return false;
        }

        why = LabelReading.Invalid(set(PolicySettings.Empty, value)) is { } error ? $"is out of range ({error})" : null;
        return why is null;
    }

    private static void Number(LabelReading r, string label, string setting, Func<PolicySettings, int, PolicySettings> set, string instead)
    {
        if (!r.TryGet(label, out var text))
        {
            return;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            r.Problem(label, text, "is not a whole number", instead);
        }
        else if (LabelReading.Invalid(set(PolicySettings.Empty, value)) is { } error)
        {
            r.Problem(label, text, $"is out of range ({error})", instead);
        }
        else
        {
            r.Set(setting, label, s => set(s, value));
        }
    }
}
