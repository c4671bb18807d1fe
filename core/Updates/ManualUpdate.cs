using System.Text.Json.Serialization;

namespace Dockward.Core.Updates;

/// <summary>What came of one container's "update now": the request's outcome, or why there was none.</summary>
internal sealed record ManualUpdate(string AgentId, string Name, UpdateRequest? Request, ManualUpdateProblem? Problem, string? Detail)
{
    public static ManualUpdate Refused(string agentId, string name, ManualUpdateProblem problem, string detail) => new(agentId, name, null, problem, detail);
}

/// <summary>Why an "update now" made no request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ManualUpdateProblem>))]
internal enum ManualUpdateProblem
{
    [JsonStringEnumMemberName("not_found")] NotFound,
    [JsonStringEnumMemberName("cannot_update")] CannotUpdate,
    [JsonStringEnumMemberName("registry_error")] RegistryError,
    [JsonStringEnumMemberName("not_managed")] NotManaged,
}
