using Dockward.Functions.Hosting;

namespace Dockward.Functions.Agents;

/// <summary>How long an agent's long poll (next job, next command) is held: its <c>waitSeconds</c>, at most the control plane's limit.</summary>
internal static class LongPollWait
{
    /// <summary>
    /// <c>waitSeconds</c> (0 to 3600; none is 0) shortened to <paramref name="maxSeconds"/>, not refused: an agent
    /// configured for a longer wait than this control plane allows still gets its work. A problem when it is not a
    /// whole number in range.
    /// </summary>
    public static (TimeSpan Held, IResult? Problem) Read(HttpRequest request, int maxSeconds)
    {
        var text = request.Query["waitSeconds"].ToString();
        var wait = 0;
        if (text.Length > 0 && (!int.TryParse(text, out wait) || wait < 0 || wait > 3600))
        {
            return (TimeSpan.Zero, Problems.BadRequest("waitSeconds must be a whole number of seconds from 0 to 3600."));
        }

        return (TimeSpan.FromSeconds(Math.Min(wait, maxSeconds)), null);
    }
}
