namespace Dockward.Contracts;

/// <summary>An update the control plane hands to an agent.</summary>
/// <param name="JobId">Id of the job; every report about it names it.</param>
/// <param name="ContainerName">Container to update, by name (ids change on recreate).</param>
/// <param name="Image">The image reference the container uses, e.g. <c>registry:5000/app:latest</c>.</param>
/// <param name="TargetDigest">Manifest digest to pull and run (<c>sha256:…</c>).</param>
/// <param name="Gate">How the new container proves itself before the old one is removed.</param>
/// <param name="TargetImage">
/// The image reference the new container runs when the update moves to a newer tag, e.g.
/// <c>registry:5000/app:1.3.0</c> while <paramref name="Image"/> is <c>registry:5000/app:1.2.0</c>: the agent
/// pulls its repository at <paramref name="TargetDigest"/>, tags that image as this reference and creates the
/// new container from it. It must name the same repository as <paramref name="Image"/> (the agent refuses the
/// job otherwise, with nothing changed). Null (older control planes): the same reference as
/// <paramref name="Image"/>, whose tag then moves to the new digest.
/// </param>
/// <param name="Strategy">
/// How to replace the container: <c>stop-first</c>, <c>start-first</c> or <c>blue-green</c> (start-first with the
/// container's network aliases moved to the new container only once it passed its gate). Null (older control
/// planes): what the container's <c>dockward.update.order</c> label says. The agent refuses any other value,
/// with nothing changed.
/// </param>
/// <param name="Config">
/// A configuration edit to apply while recreating (env, ports, mounts, labels, restart policy): the new container
/// gets the old one's configuration with this change, gated and rolled back like any update. Null: none.
/// </param>
public sealed record JobAssignment(
    string JobId,
    string ContainerName,
    string Image,
    string TargetDigest,
    HealthGateSettings Gate,
    string? TargetImage = null,
    string? Strategy = null,
    ConfigChange? Config = null);
