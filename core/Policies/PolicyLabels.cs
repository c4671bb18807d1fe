namespace Dockward.Core.Policies;

/// <summary>The container labels Dockward reads.</summary>
internal static class PolicyLabels
{
    /// <summary><c>true</c> opts a container in, <c>false</c> out (even when every container is managed).</summary>
    public const string Enable = "dockward.enable";

    /// <summary><c>auto</c> or <c>monitor</c>.</summary>
    public const string Mode = "dockward.update";
}
