namespace Dockward.Core.Detection.Images;

/// <summary>
/// One runtime default that differs between two images (<see cref="ImageConfigDifference"/>): <see cref="Field"/>
/// names it (<c>env.PATH</c>, <c>cmd</c>, <c>port.8080/tcp</c>, …); <see cref="Before"/> is null when the target adds
/// it, <see cref="After"/> null when the target drops it.
/// </summary>
internal sealed record ConfigChange(string Field, string? Before, string? After);
