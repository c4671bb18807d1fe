using System.Text.Json;

namespace Dockward.Functions.Tests.Containers;

/// <summary>Reads <c>text/event-stream</c> events the way a browser's EventSource does (comments skipped).</summary>
internal static class EventStream
{
    public sealed record Event(string Type, JsonElement Data);

    /// <summary>The first <paramref name="count"/> events of the response.</summary>
    public static async Task<List<Event>> ReadAsync(HttpResponseMessage response, int count, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var events = new List<Event>();
        string type = "message", data = "";
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException($"The stream ended after {events.Count} events.");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    events.Add(new Event(type, JsonDocument.Parse(data).RootElement.Clone()));
                }

                (type, data) = ("message", "");
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line["data: ".Length..];
            }
        }

        return events;
    }
}
