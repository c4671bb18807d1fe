namespace Dockward.Contracts;

/// <summary>An update the control plane hands to an agent.</summary>
/// <param name="JobId">Id of the job; every report about it names it.</param>
/// <param name="ContainerName">Container to update, by name (ids change on recreate).</param>
/// <param name="Image">The image reference the container uses, e.g. <c>registry:5000/app:latest</c>.</param>
/// <param name="TargetDigest">Manifest digest to pull and run (<c>sha256:…</c>).</param>
/// <param name="Gate">How the new container proves itself before the old one is removed.</param>
public sealed record JobAssignment(
    string JobId,
    string ContainerName,
    string Image,
    string TargetDigest,
    HealthGateSettings Gate);
