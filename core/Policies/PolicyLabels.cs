namespace Dockward.Core.Policies;

/// <summary>The container labels Dockward reads (its own dialect; see <c>Labels/</c> for Watchtower's and WUD's).</summary>
internal static class PolicyLabels
{
    /// <summary><c>true</c> opts a container in, <c>false</c> out (even when every container is managed).</summary>
    public const string Enable = "dockward.enable";

    /// <summary><c>auto</c>, <c>scheduled</c>, <c>manual</c> or <c>monitor</c>.</summary>
    public const string Mode = "dockward.update";

    /// <summary>Maintenance windows, <c>;</c>-separated, each <c>&lt;cron&gt; for &lt;length&gt; [in &lt;time zone&gt;]</c>.</summary>
    public const string Windows = "dockward.windows";

    /// <summary>With mode manual: how long an update waits for a decision (a duration, <c>3d</c>).</summary>
    public const string ApprovalExpiry = "dockward.approval.expiry";

    /// <summary>
    /// Which updates to look for: <c>digest</c> (the default: a new image under the same tag), or newer tags
    /// up to <c>patch</c>, <c>minor</c> or <c>major</c>, of the same form as the current tag.
    /// </summary>
    public const string Tag = "dockward.tag";

    /// <summary>A regular expression a newer tag must match (anywhere in the tag).</summary>
    public const string TagInclude = "dockward.tag.include";

    /// <summary>A regular expression no newer tag may match.</summary>
    public const string TagExclude = "dockward.tag.exclude";

    /// <summary>A regular expression with a <c>version</c> group, for tags the built-in version grammar does not read (dates, build numbers).</summary>
    public const string TagPattern = "dockward.tag.pattern";

    /// <summary><c>true</c> lets pre-releases be offered to a container on a release.</summary>
    public const string TagPrerelease = "dockward.tag.prerelease";

    /// <summary>Tags or digests never updated to, comma-separated (<c>1.4.2,sha256:…</c>).</summary>
    public const string Skip = "dockward.skip";

    /// <summary>A tag the container is held on: no newer tag past it (new digests of it are still taken).</summary>
    public const string Pin = "dockward.pin";

    /// <summary>How old an image must be before it is taken (a duration, <c>3d</c>).</summary>
    public const string MinimumAge = "dockward.min-age";

    /// <summary>How often the image is checked (a duration, at least <c>1m</c>).</summary>
    public const string Interval = "dockward.interval";

    /// <summary><c>stop-first</c>, <c>start-first</c> or <c>blue-green</c>; the agent reads this label too.</summary>
    public const string UpdateOrder = "dockward.update.order";

    /// <summary>How the container's group is updated: <c>none</c>, <c>rolling</c> or <c>canary</c>.</summary>
    public const string Rollout = "dockward.rollout";

    /// <summary>Canary: how many containers go first.</summary>
    public const string CanaryCount = "dockward.canary.count";

    /// <summary>Canary: which share of the group goes first, in percent.</summary>
    public const string CanaryPercent = "dockward.canary.percent";

    /// <summary>Canary: how long the canaries must stay up before the rest follow (a duration).</summary>
    public const string CanaryWindow = "dockward.canary.window";

    /// <summary>Rolling: what a failure takes back, <c>failed</c> or <c>group</c>.</summary>
    public const string Rollback = "dockward.rollback";

    /// <summary>How long a new container must keep running before an update is final (a duration, 1s to 1h).</summary>
    public const string MonitorWindow = "dockward.gate.monitor-window";

    /// <summary>With a HEALTHCHECK: the most to wait for <c>healthy</c> beyond the check's own timing (1s to 1h).</summary>
    public const string HealthTimeout = "dockward.gate.health-timeout";

    /// <summary>The group a container belongs to, for group policies and rollouts; without it, its compose project.</summary>
    public const string Group = "dockward.group";
}
