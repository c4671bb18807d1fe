using System.Text.Json.Serialization;
using Dockward.Core.Policies;

namespace Dockward.Core.Containers;

/// <summary>One row of <c>GET /api/containers</c>.</summary>
/// <param name="Host">The agent's name.</param>
/// <param name="State">The Docker state, or <c>unknown</c> while its agent is offline.</param>
/// <param name="ReportedState">What the agent last said, offline or not.</param>
/// <param name="Health">HEALTHCHECK status, or <c>none</c> when the image has no health check.</param>
/// <param name="Group">Its group (<c>dockward.group</c> or compose project); null when none.</param>
/// <param name="LatestDigest">The digest the registry gave at the image's latest check.</param>
internal sealed record ContainerListItem(
    string AgentId,
    string Host,
    string Name,
    string Id,
    string Image,
    string? Tag,
    string State,
    string ReportedState,
    string Health,
    bool Managed,
    string? Group,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UpdateMode>))] UpdateMode Mode,
    bool UpdateAvailable,
    string? LatestDigest,
    DateTimeOffset Created,
    DateTimeOffset ReportedAt);
