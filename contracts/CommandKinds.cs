namespace Dockward.Contracts;

/// <summary>The kinds of <see cref="AgentCommand"/>.</summary>
public static class CommandKinds
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";
    public const string Logs = "logs";
    public const string Stats = "stats";

    public static readonly IReadOnlyList<string> All = [Start, Stop, Restart, Logs, Stats];
}
