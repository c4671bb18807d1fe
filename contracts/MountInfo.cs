namespace Dockward.Contracts;

/// <summary>One mount of a container.</summary>
/// <param name="Type"><c>bind</c>, <c>volume</c> or <c>tmpfs</c>.</param>
/// <param name="Source">The host path (bind) or volume name (volume); null for tmpfs.</param>
/// <param name="Destination">The absolute path inside the container.</param>
/// <param name="ReadOnly">Mounted read-only.</param>
public sealed record MountInfo(string Type, string? Source, string Destination, bool ReadOnly = false);
