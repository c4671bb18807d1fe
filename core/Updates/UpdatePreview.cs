using Dockward.Core.Detection.Images;
using Dockward.Core.Policies;

namespace Dockward.Core.Updates;

/// <summary>"What will this update do": from which image to which, when, how, and what changes in the container.</summary>
/// <param name="UpToDate">True when the container already runs the target: nothing would be done.</param>
/// <param name="When">When it would run under the policy, in words (<c>now</c>, <c>after approval</c>, …).</param>
/// <param name="NotBefore">The earliest time it would run, when the policy makes it wait for a time.</param>
/// <param name="Steps">What the agent would do, in order.</param>
/// <param name="Changes">What in the container's create config would differ: its image, and the image defaults it does not set itself.</param>
internal sealed record UpdatePreview(
    string AgentId,
    string Name,
    ImageSide Current,
    ImageSide Target,
    bool UpToDate,
    UpdateMode Mode,
    UpdateStrategy Strategy,
    RolloutKind Rollout,
    string? Group,
    string When,
    DateTimeOffset? NotBefore,
    IReadOnlyList<string> Steps,
    IReadOnlyList<ConfigChange> Changes,
    IReadOnlyList<string> Problems);
