using System.Text.Json.Serialization;

namespace Dockward.Agent.Journal;

/// <summary>What a journal line records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JournalEntryKind>))]
internal enum JournalEntryKind
{
    /// <summary>The job was taken: the first line, holding the job itself.</summary>
    [JsonStringEnumMemberName("begin")] Begin,

    /// <summary>The container as it was before anything changed: enough to put it back.</summary>
    [JsonStringEnumMemberName("inspected")] Inspected,

    /// <summary>A step started, succeeded or failed. A started step may have taken effect even if nothing follows it.</summary>
    [JsonStringEnumMemberName("step")] Step,

    /// <summary>The new container passed its gate: from here the update is finished, never undone.</summary>
    [JsonStringEnumMemberName("commit")] Commit,

    /// <summary>How the job ended; what is reported to the control plane (again, after a restart).</summary>
    [JsonStringEnumMemberName("outcome")] Outcome,
}
