using System.Text.Json.Serialization;

namespace Dockward.Contracts;

/// <summary>Where one step of a job stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    /// <summary>The step began.</summary>
    [JsonStringEnumMemberName("started")] Started,

    /// <summary>The step finished as intended.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>The step failed; the job rolls back.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
