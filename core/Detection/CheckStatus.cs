using System.Text.Json.Serialization;

namespace Dockward.Core.Detection;

/// <summary>What one registry check of an image found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
internal enum CheckStatus
{
    /// <summary>The registry's digest is one the containers already run.</summary>
    [JsonStringEnumMemberName("up_to_date")] UpToDate,

    /// <summary>The registry has a digest no container of this image runs.</summary>
    [JsonStringEnumMemberName("update_available")] UpdateAvailable,

    /// <summary>The image cannot be checked (pinned by digest, no registry digest known); the reason says why.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,

    /// <summary>The registry could not be asked or gave a bad answer.</summary>
    [JsonStringEnumMemberName("error")] Error,
}
