using System.Text.RegularExpressions;
using Dockward.Core.Detection.Tags;

namespace Dockward.Core.Policies;

/// <summary>
/// The limits of every policy setting, in one place: the API refuses a policy that breaks one, and the label
/// reader ignores a label that does. Windows are checked when they are built (<see cref="MaintenanceWindow.TryCreate"/>).
/// </summary>
internal static partial class PolicyValidation
{
    public const int MaxWindows = 20;
    public const int MaxSkipEntries = 100;
    public const int MaxCanaryCount = 1000;

    public static readonly (TimeSpan Min, TimeSpan Max) CheckInterval = (TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
    public static readonly (TimeSpan Min, TimeSpan Max) CanaryWindow = (TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
    public static readonly (TimeSpan Min, TimeSpan Max) ApprovalExpiry = (TimeSpan.FromHours(1), TimeSpan.FromDays(90));
    public static readonly (TimeSpan Min, TimeSpan Max) MinimumAge = (TimeSpan.Zero, TimeSpan.FromDays(90));

    // The agent's health gate takes 1…3600 s for both (agent/Updates/HealthGate.cs); the control plane keeps to that.
    public static readonly (TimeSpan Min, TimeSpan Max) MonitorWindow = (TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    public static readonly (TimeSpan Min, TimeSpan Max) HealthTimeout = (TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>Every setting of <paramref name="settings"/> that breaks a limit; empty when it may be stored.</summary>
    public static IReadOnlyList<PolicyError> Validate(PolicySettings settings)
    {
        var errors = new List<PolicyError>();
        Within(errors, "checkInterval", "the check interval", settings.CheckInterval, CheckInterval);
        Within(errors, "canaryWindow", "the canary window", settings.CanaryWindow, CanaryWindow);
        Within(errors, "approvalExpiry", "the approval expiry", settings.ApprovalExpiry, ApprovalExpiry);
        Within(errors, "minimumAge", "the minimum age", settings.MinimumAge, MinimumAge);
        Within(errors, "monitorWindow", "the monitor window", settings.MonitorWindow, MonitorWindow);
        Within(errors, "healthTimeout", "the health timeout", settings.HealthTimeout, HealthTimeout);

        if (settings.CanaryPercent is < 0 or > 100)
        {
            errors.Add(new("canaryPercent", $"the canary share must be 0 to 100 percent, not {settings.CanaryPercent}"));
        }

        if (settings.CanaryCount is < 0 or > MaxCanaryCount)
        {
            errors.Add(new("canaryCount", $"the canary count must be 0 to {MaxCanaryCount}, not {settings.CanaryCount}"));
        }

        TagPatterns(errors, settings);
        Skip(errors, settings.Skip);
        if (settings.Pin is { } pin && !IsTag(pin))
        {
            errors.Add(new("pin", $"'{pin}' is not a tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'"));
        }

        Windows(errors, settings);
        return errors;
    }

    /// <summary>Whether <paramref name="text"/> is a valid image tag.</summary>
    public static bool IsTag(string text) => Tag().IsMatch(text);

    /// <summary>Whether <paramref name="text"/> is a manifest digest (<c>sha256:</c> and 64 hex digits).</summary>
    public static bool IsDigest(string text) => Digest().IsMatch(text);

    private static void Within(List<PolicyError> errors, string setting, string name, TimeSpan? value, (TimeSpan Min, TimeSpan Max) range)
    {
        if (value is { } given && (given < range.Min || given > range.Max))
        {
            errors.Add(new(setting, $"{name} must be between {Duration.Format(range.Min)} and {Duration.Format(range.Max)}, not {Duration.Format(given)}"));
        }
    }

    private static void TagPatterns(List<PolicyError> errors, PolicySettings settings)
    {
        Pattern(errors, "tagInclude", settings.TagInclude, p => TagPolicy.Create(UpdateLevel.Major, include: p));
        Pattern(errors, "tagExclude", settings.TagExclude, p => TagPolicy.Create(UpdateLevel.Major, exclude: p));
        Pattern(errors, "tagPattern", settings.TagPattern, p => TagPolicy.Create(UpdateLevel.Major, versionPattern: p));
    }

    private static void Pattern(List<PolicyError> errors, string setting, string? pattern, Func<string, TagPolicyResult> build)
    {
        if (pattern is not null && build(pattern) is { IsValid: false } built)
        {
            errors.Add(new(setting, built.Error));
        }
    }

    private static void Skip(List<PolicyError> errors, IReadOnlyList<string>? skip)
    {
        if (skip is null)
        {
            return;
        }

        if (skip.Count > MaxSkipEntries)
        {
            errors.Add(new("skip", $"at most {MaxSkipEntries} tags or digests may be skipped, not {skip.Count}"));
        }

        foreach (var entry in skip.Where(e => !IsTag(e ?? "") && !IsDigest(e ?? "")).Take(5))
        {
            errors.Add(new("skip", string.IsNullOrWhiteSpace(entry)
                ? "an entry is empty: each is a tag (1.2.3) or a digest (sha256:…)"
                : $"'{entry}' is neither a tag (1.2.3) nor a digest (sha256: and 64 hex digits)"));
        }
    }

    private static void Windows(List<PolicyError> errors, PolicySettings settings)
    {
        if (settings.Windows is { Count: > MaxWindows } windows)
        {
            errors.Add(new("windows", $"at most {MaxWindows} maintenance windows, not {windows.Count}"));
        }

        if (settings.Windows?.Any(w => w is null) == true)
        {
            errors.Add(new("windows", "a maintenance window is null"));
        }

        if (settings.Mode == UpdateMode.Scheduled && settings.Windows is not { Count: > 0 })
        {
            errors.Add(new("windows", "mode scheduled needs at least one maintenance window (e.g. {\"cron\":\"0 2 * * *\",\"length\":\"2h\",\"timeZone\":\"UTC\"})"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Digest();
}
