using System.Text.Json.Serialization;

namespace Dockward.Contracts;

/// <summary>How an update job ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobOutcome>))]
public enum JobOutcome
{
    /// <summary>The container runs the target digest and passed its gate.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>Something failed; the old container was restored under its name and verified.</summary>
    [JsonStringEnumMemberName("rolled_back")] RolledBack,

    /// <summary>Nothing could be done (e.g. the container is gone) or the rollback itself failed.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>
    /// The agent stopped or crashed mid-update and, once back, restored the old container (or found nothing had
    /// been changed yet). Not the image's fault: the digest is not quarantined.
    /// </summary>
    [JsonStringEnumMemberName("interrupted")] Interrupted,
}
