using System.Text.Json;
using System.Text.Json.Serialization;
using Dockward.Core.Security;
using Microsoft.Extensions.Logging;

namespace Dockward.Core.Events;

/// <summary>
/// Publishes live events: stored, so every control-plane instance's <c>/api/events</c> streams see them. An event
/// that cannot be stored is logged and dropped: what it reports has happened either way, and the state it reports
/// can be read from the API.
/// </summary>
internal sealed class EventLog(IEventStore store, TimeProvider clock, ILogger<EventLog> logger)
{
    // Enums without their own converter are snake_case strings, as everywhere in the API.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public async Task PublishAsync(
        string type, object data, string? agentId = null, string? container = null, Role visibility = Role.Viewer,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var record = new EventRecord(EventIds.New(now), now, type, visibility, agentId, container, JsonSerializer.Serialize(data, Json));
        try
        {
            await store.AppendAsync(record, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not store event {EventType} for {AgentId}/{Container}: {Error}", type, agentId, container, e.Message);
        }
    }
}
