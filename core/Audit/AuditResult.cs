using System.Text.Json.Serialization;

namespace Dockward.Core.Audit;

/// <summary>How an audited action ended; <c>success</c>, <c>failure</c> or <c>denied</c> in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuditResult>))]
internal enum AuditResult
{
    [JsonStringEnumMemberName("success")]
    Success,

    [JsonStringEnumMemberName("failure")]
    Failure,

    [JsonStringEnumMemberName("denied")]
    Denied,
}
