using Dockward.Contracts;
using Dockward.Core.Containers.Stats;

namespace Dockward.Core.Commands;

/// <summary>Checks an agent's answer to a command against <see cref="ReportLimits"/> before it is stored.</summary>
internal static class CommandResults
{
    /// <summary>Longest Docker state name accepted (the longest Docker has is <c>restarting</c>).</summary>
    private const int StateLength = 32;

    /// <summary>What is wrong with <paramref name="result"/>; null when nothing is.</summary>
    public static string? Problem(CommandResult result)
    {
        if (result.Error?.Length > ReportLimits.Message)
        {
            return $"error may be at most {ReportLimits.Message} characters.";
        }

        if (result.State is { } state && (state.Length is 0 or > StateLength || !state.All(char.IsAsciiLetterLower)))
        {
            return $"state '{ReportLimits.Truncate(state, 40)}' is not a Docker state.";
        }

        if (result.Lines is { } lines)
        {
            if (lines.Count > ReportLimits.LogLines)
            {
                return $"lines may hold at most {ReportLimits.LogLines} lines.";
            }

            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is null)
                {
                    return $"lines[{i}] is null.";
                }

                if (lines[i].Stream is not ("stdout" or "stderr"))
                {
                    return $"lines[{i}].stream must be stdout or stderr.";
                }

                if (lines[i].Text is null || lines[i].Text.Length > ReportLimits.LogLineLength)
                {
                    return $"lines[{i}].text must be at most {ReportLimits.LogLineLength} characters.";
                }
            }
        }

        return result.Stats is { } stats ? StatsSamples.Problem(stats, "stats") : null;
    }
}
