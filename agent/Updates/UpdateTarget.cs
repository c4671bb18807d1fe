using Dockward.Contracts;

namespace Dockward.Agent.Updates;

/// <summary>
/// The image reference the container runs and the one the new container is to run: the same reference when the
/// update brings a new digest of its tag, another tag of the same repository when it moves to a newer tag
/// (<see cref="JobAssignment.TargetImage"/>).
/// </summary>
/// <param name="Current">The job's <c>Image</c>, the old container's <c>Config.Image</c>.</param>
/// <param name="Reference">The reference the new container is created from, exactly as the job gave it.</param>
internal sealed record UpdateTarget(ImageName Current, string Reference)
{
    /// <summary>The repository and tag the pulled image is tagged as.</summary>
    public ImageName Image => ImageName.Parse(Reference);

    /// <summary>True when the new container runs another tag: the old tag is then left where it is.</summary>
    public bool MovesTag => Image != Current;

    /// <summary>
    /// True when the reference names one image exactly (<c>repo@sha256:…</c>, or an image id for a container created
    /// from one): it has no tag to move, and only a configuration edit, which keeps the image, recreates such a container.
    /// </summary>
    public bool Pinned => Reference.Contains('@', StringComparison.Ordinal) || Reference.StartsWith("sha256:", StringComparison.Ordinal);

    public static UpdateTarget Of(JobAssignment job)
    {
        var current = ImageName.Parse(job.Image);
        // A target that names the same repository and tag in other words (without ":latest", say) is no move: the
        // container keeps the reference it has, and its tag moves as on any update.
        var reference = job.TargetImage is { } target && ImageName.Parse(target) != current ? target : job.Image;
        return new UpdateTarget(current, reference);
    }

    /// <summary>Why the new reference cannot be run in place of the old one, or null when it can.</summary>
    public string? Problem()
    {
        if (Pinned)
        {
            return $"the job's target image {Reference} is pinned to a digest; it must be a tag of {Current.Repository}";
        }

        return Image.Repository == Current.Repository
            ? null
            : $"the job's target image {Reference} is not of the container's repository {Current.Repository}";
    }
}
