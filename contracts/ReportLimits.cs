namespace Dockward.Contracts;

/// <summary>Sizes the control plane accepts in job reports; the agent truncates to them.</summary>
public static class ReportLimits
{
    /// <summary>Longest step name.</summary>
    public const int StepName = 64;

    /// <summary>Highest step sequence number: far more steps than any update takes.</summary>
    public const int StepSequence = 10_000;

    /// <summary>Longest step message or failure reason.</summary>
    public const int Message = 4000;

    /// <summary>Most log lines one logs command returns.</summary>
    public const int LogLines = 5000;

    /// <summary>Longest log line; longer ones are cut.</summary>
    public const int LogLineLength = 16_384;

    /// <summary><paramref name="text"/> cut to <paramref name="limit"/> characters, marked when cut.</summary>
    public static string? Truncate(string? text, int limit = Message) =>
        text is null || text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
