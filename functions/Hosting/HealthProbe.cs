namespace Dockward.Functions.Hosting;

/// <summary>
/// <c>Dockward.Functions healthcheck</c>: asks the running control plane's /health and exits 0 or 1.
/// The container image's HEALTHCHECK uses it, since the runtime image has no curl or wget.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync()
    {
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';')[0] ?? "8080";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {e.Message}");
            return 1;
        }
    }
}
