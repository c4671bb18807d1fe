using System.Text.Json.Serialization;

namespace Dockward.Core.Policies;

/// <summary>Which updates to look for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TagTrack>))]
internal enum TagTrack
{
    /// <summary>A new image under the container's own tag.</summary>
    [JsonStringEnumMemberName("digest")] Digest,

    /// <summary>Newer tags with the same major and minor version (and new digests of the own tag).</summary>
    [JsonStringEnumMemberName("patch")] Patch,

    /// <summary>Newer tags with the same major version.</summary>
    [JsonStringEnumMemberName("minor")] Minor,

    /// <summary>Any newer version.</summary>
    [JsonStringEnumMemberName("major")] Major,
}
