namespace Dockward.Core.Policies;

/// <summary>The container labels Dockward reads.</summary>
internal static class PolicyLabels
{
    /// <summary><c>true</c> opts a container in, <c>false</c> out (even when every container is managed).</summary>
    public const string Enable = "dockward.enable";

    /// <summary><c>auto</c>, <c>scheduled</c>, <c>manual</c> or <c>monitor</c>.</summary>
    public const string Mode = "dockward.update";

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

    /// <summary>The group a container belongs to, for group policies and rollouts; without it, its compose project.</summary>
    public const string Group = "dockward.group";
}
