using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// Calls the control plane as its clients do (JSON, camelCase, a bearer token) and times each call from the send to the
/// last byte of the answer. Bodies are serialised before the clock starts: only the control plane's work is timed.
/// </summary>
internal sealed class TimedApi(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TimedApi For(Uri baseAddress) => new(new HttpClient(new SocketsHttpHandler
    {
        // Every simulated agent and the user share the pool; it must not be the bottleneck.
        MaxConnectionsPerServer = 64,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    });

    public Task<ApiAnswer> GetAsync(string path, string bearer, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, bearer, body: null, cancellationToken);

    public Task<ApiAnswer> PostAsync(string path, string? bearer, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, bearer, body, cancellationToken);

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? bearer, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            clock.Stop();
            return new ApiAnswer($"{method} {path}", response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes, clock.Elapsed);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {path} did not answer within {http.Timeout.TotalSeconds:F0} s");
        }
    }

    public void Dispose() => http.Dispose();
}
