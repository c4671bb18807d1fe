using Dockward.Core.Security;

namespace Dockward.Core.Events;

/// <summary>One live event as stored: what happened, to what, and who may see it.</summary>
/// <param name="Id">Sortable across instances: the time's ticks first, then a random part (see <see cref="EventIds"/>).</param>
/// <param name="Type">One of <see cref="EventTypes"/>.</param>
/// <param name="Visibility">The lowest role that may see it.</param>
/// <param name="AgentId">The agent (host) it concerns, when one.</param>
/// <param name="Container">The container's name it concerns, when one.</param>
/// <param name="Data">The event's body, camelCase JSON.</param>
internal sealed record EventRecord(
    string Id,
    DateTimeOffset At,
    string Type,
    Role Visibility,
    string? AgentId,
    string? Container,
    string Data);
