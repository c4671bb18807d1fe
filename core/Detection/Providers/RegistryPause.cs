namespace Dockward.Core.Detection.Providers;

/// <summary>No request goes to a registry before <paramref name="Until"/>: it asked for less (<paramref name="Reason"/>).</summary>
internal sealed record RegistryPause(DateTimeOffset Until, string Reason)
{
    /// <summary>The longest pause a registry's answer can impose, so a garbled header never silences it for good.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>When <c>Retry-After</c> (seconds or an HTTP date) ends, at most <see cref="Longest"/> away; null without one or when it lies in the past.</summary>
    public static DateTimeOffset? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var until = header?.Delta is { } delta ? now + delta : header?.Date;
        if (until is not { } end || end <= now)
        {
            return null;
        }

        return end - now > Longest ? now + Longest : end;
    }
}
