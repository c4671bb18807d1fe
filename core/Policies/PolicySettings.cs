using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>
/// What one source says about how containers are updated: the global default, a group, a container (each set
/// through the API), or a container's labels. Every setting is optional; a null one leaves the decision to the
/// source below it (container labels → container → group → global → built-in defaults).
/// </summary>
internal sealed record PolicySettings
{
    /// <summary>Whether Dockward watches the container at all.</summary>
    public bool? Enabled { get; init; }

    /// <summary>What happens when an update is found.</summary>
    public UpdateMode? Mode { get; init; }

    /// <summary>With <see cref="UpdateMode.Scheduled"/>: when updates may run.</summary>
    public IReadOnlyList<MaintenanceWindow>? Windows { get; init; }

    /// <summary>With <see cref="UpdateMode.Manual"/>: how long an update waits for a decision before it expires.</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? ApprovalExpiry { get; init; }

    /// <summary>Which updates to look for: the own tag's digest, or newer tags up to patch, minor or major.</summary>
    public TagTrack? Track { get; init; }

    /// <summary>A regular expression a newer tag must match.</summary>
    public string? TagInclude { get; init; }

    /// <summary>A regular expression no newer tag may match.</summary>
    public string? TagExclude { get; init; }

    /// <summary>A regular expression with a <c>version</c> group, for tags the built-in grammar does not read.</summary>
    public string? TagPattern { get; init; }

    /// <summary>Whether pre-releases may be offered to a container on a release.</summary>
    public bool? Prerelease { get; init; }

    /// <summary>Tags or digests never updated to (a known bad release).</summary>
    public IReadOnlyList<string>? Skip { get; init; }

    /// <summary>A tag the container is held on: no newer tag is taken past it (new digests of it still are).</summary>
    public string? Pin { get; init; }

    /// <summary>How old an image must be (its created date) before it is taken.</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? MinimumAge { get; init; }

    /// <summary>How often the container's image is checked (one minute at the least).</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? CheckInterval { get; init; }

    /// <summary>How one container is replaced.</summary>
    public UpdateStrategy? Strategy { get; init; }

    /// <summary>How the containers of a group are updated together.</summary>
    public RolloutKind? Rollout { get; init; }

    /// <summary>Canary: how many containers go first (the larger of this and <see cref="CanaryPercent"/> wins).</summary>
    public int? CanaryCount { get; init; }

    /// <summary>Canary: which share of the group goes first, in percent, rounded up.</summary>
    public int? CanaryPercent { get; init; }

    /// <summary>Canary: how long the updated canaries must stay up before the rest follow.</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? CanaryWindow { get; init; }

    /// <summary>Rolling: what a failure takes back.</summary>
    public RollbackScope? RollbackScope { get; init; }

    /// <summary>How long a new container must keep running (after <c>healthy</c>) before an update is final.</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? MonitorWindow { get; init; }

    /// <summary>With a HEALTHCHECK: the most to wait for <c>healthy</c> beyond the check's own timing.</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? HealthTimeout { get; init; }

    /// <summary>True when no setting is given.</summary>
    [JsonIgnore]
    public bool IsEmpty => this == Empty;

    public static PolicySettings Empty { get; } = new();
}
