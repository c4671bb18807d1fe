using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Dockward.Testing;

/// <summary>
/// A client of a Server-Sent Events route (<c>GET /api/events</c> by default) as a browser's EventSource is: it
/// reads the stream in the background and keeps what arrives.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<ReceivedEvent> events = Channel.CreateUnbounded<ReceivedEvent>();
    private readonly Task reading;

    private EventStreamClient(HttpClient http, HttpResponseMessage response)
    {
        this.http = http;
        this.response = response;
        reading = ReadAsync(stop.Token);
    }

    /// <summary>One event: its id, its type and its data as JSON.</summary>
    public sealed record ReceivedEvent(string Id, string Type, JsonElement Body)
    {
        /// <summary>The <c>data</c> inside a <c>/api/events</c> envelope.</summary>
        public JsonElement Data => Body.GetProperty("data");
    }

    /// <summary>Connects as <paramref name="accessToken"/>; returns once the answer's headers arrived (a text/event-stream, or it throws).</summary>
    /// <param name="query">Appended to <paramref name="path"/>, e.g. <c>?types=job.step</c>.</param>
    /// <param name="path">The streaming route.</param>
    public static async Task<EventStreamClient> ConnectAsync(Uri baseAddress, string accessToken, string query = "", string? lastEventId = null, string path = "/api/events")
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path + query, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connecting.Token);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            http.Dispose();
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body}");
        }

        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            response.Dispose();
            http.Dispose();
            throw new InvalidOperationException($"{path} answered {type}, not text/event-stream");
        }

        return new EventStreamClient(http, response);
    }

    /// <summary>The next event that matches <paramref name="match"/> (those before it are passed over).</summary>
    public async Task<ReceivedEvent> NextAsync(Func<ReceivedEvent, bool> match, TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var received = await events.Reader.ReadAsync(wait.Token);
                if (match(received))
                {
                    return received;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No matching event arrived in time.");
        }
    }

    /// <summary>The next <paramref name="count"/> events, whatever they are, within <paramref name="timeout"/> (30 s unless given).</summary>
    public async Task<List<ReceivedEvent>> TakeAsync(int count, TimeSpan? timeout = null)
    {
        var got = new List<ReceivedEvent>();
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (got.Count < count)
            {
                got.Add(await events.Reader.ReadAsync(wait.Token));
            }

            return got;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"{got.Count} of {count} events arrived: {string.Join(", ", got.Select(g => g.Type))}.");
        }
    }

    /// <summary>Every event that arrives within <paramref name="period"/>.</summary>
    public async Task<List<ReceivedEvent>> CollectAsync(TimeSpan period)
    {
        var got = new List<ReceivedEvent>();
        using var wait = new CancellationTokenSource(period);
        try
        {
            while (true)
            {
                got.Add(await events.Reader.ReadAsync(wait.Token));
            }
        }
        catch (OperationCanceledException)
        {
            return got;
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? id = null, type = null, data = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        await events.Writer.WriteAsync(new ReceivedEvent(id ?? "", type ?? "message", JsonDocument.Parse(data).RootElement.Clone()), cancellationToken);
                    }

                    id = type = data = null;
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The test closed the stream, or the server ended it.
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        await reading;
        http.Dispose();
        stop.Dispose();
    }
}
