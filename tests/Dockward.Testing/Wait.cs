namespace Dockward.Testing;

/// <summary>Bounded waits for something that happens asynchronously.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value, or fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> ForAsync<T>(string what, TimeSpan timeout, Func<Task<T?>> probe, Func<string>? diagnostics = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = e;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.{(last is null ? "" : " Last error: " + last.Message)}{(diagnostics is null ? "" : "\n" + diagnostics())}");
    }

    public static Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, Func<string>? diagnostics = null) =>
        ForAsync(what, timeout, async () => await condition() ? "done" : null, diagnostics);
}
