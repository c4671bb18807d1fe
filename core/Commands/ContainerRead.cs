namespace Dockward.Core.Commands;

/// <summary>What came of reading a container's logs or stats through its agent.</summary>
/// <param name="Value">What was read, when <see cref="Status"/> is <see cref="ContainerReadStatus.Read"/>.</param>
/// <param name="Detail">Why not, otherwise.</param>
internal sealed record ContainerRead<T>(ContainerReadStatus Status, T? Value, string? Detail)
    where T : class;
