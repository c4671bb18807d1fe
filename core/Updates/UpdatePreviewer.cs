using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Images;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Detection.Tags;
using Dockward.Core.Policies;

namespace Dockward.Core.Updates;

/// <summary>
/// Answers "what will this update do" for one container without changing anything: the target its policy would pick
/// (a newer tag, or its own tag's digest), both images as the registry describes them, when and how it would run,
/// and what in the container's create config would differ.
/// </summary>
internal sealed class UpdatePreviewer(IContainerStore containers, IPolicyStore policyStore, PolicyResolver policies, RegistryClient registry, TimeProvider clock)
{
    public async Task<(UpdatePreview? Preview, string? Problem)> PreviewAsync(string agentId, string name, CancellationToken cancellationToken)
    {
        if (await containers.GetAsync(agentId, name, cancellationToken) is not { } container)
        {
            return (null, null);
        }

        if (!ImageReference.TryParse(container.Image, out var image, out var error))
        {
            return (null, $"The container's image cannot be checked: {error}.");
        }

        if (image.Digest is not null)
        {
            return (null, $"{container.Image} is pinned by digest: there is no newer image to update to.");
        }

        var policy = policies.Resolve(container, await PolicyBook.ReadAsync(policyStore, cancellationToken));
        var problems = new List<string>(policy.Problems);
        var (target, targetImage, targetTag) = await TargetAsync(container, image, policy, problems, cancellationToken);
        if (target is null)
        {
            return (null, problems.LastOrDefault() ?? "The registry did not answer.");
        }

        var platform = Platform.TryParse(container.Platform, out var parsed) ? parsed : null;
        var currentDigest = RunningDigests.Of(container, image).FirstOrDefault();
        var currentLookup = currentDigest is null ? null : await registry.GetImageDetailsAsync(image, currentDigest, platform, cancellationToken);
        var targetLookup = await registry.GetImageDetailsAsync(image with { Tag = targetTag, Digest = null }, target, platform, cancellationToken);
        var upToDate = currentDigest == target && targetImage == container.Image;

        var changes = new List<ConfigChange>();
        if (targetImage != container.Image)
        {
            changes.Add(new ConfigChange("image", container.Image, targetImage));
        }

        if (currentLookup?.Details is { } before && targetLookup.Details is { } after)
        {
            changes.AddRange(ImageConfigDifference.Between(before, after));
        }

        var (when, notBefore) = When(policy, targetLookup.Details?.Created);
        return (new UpdatePreview(
            agentId,
            name,
            ImageSide.From(container.Image, image.Tag, currentDigest, currentLookup),
            ImageSide.From(targetImage, targetTag, target, targetLookup),
            upToDate,
            policy.Mode,
            policy.Strategy,
            policy.Rollout,
            policy.Group,
            upToDate ? "nothing to do: it runs the target already" : when,
            upToDate ? null : notBefore,
            upToDate ? [] : Steps(policy),
            upToDate ? [] : changes,
            problems), null);
    }

    /// <summary>The digest, reference and tag the policy would move to.</summary>
    private async Task<(string? Digest, string Image, string? Tag)> TargetAsync(
        ContainerRecord container, ImageReference image, EffectivePolicy policy, List<string> problems, CancellationToken cancellationToken)
    {
        if (policy.Tags is { } tagPolicy && image.Tag is not null)
        {
            var listing = await registry.ListTagsAsync(image, cancellationToken);
            if (listing.Error is not null)
            {
                problems.Add($"could not look for newer tags: {listing.Error}");
            }
            else if (NewerTagFinder.Find(image.Tag, TagLimits.Apply(listing.Tags, policy), tagPolicy).Tag is { } newer)
            {
                var tagged = await registry.GetDigestAsync(image with { Tag = newer, Digest = null }, cancellationToken);
                if (tagged.Digest is not null)
                {
                    return (tagged.Digest, TagLimits.MoveTo(container.Image, image, newer), newer);
                }

                problems.Add($"could not look up {newer}: {tagged.Error}");
            }
        }

        var own = await registry.GetDigestAsync(image, cancellationToken);
        if (own.Digest is null)
        {
            problems.Add($"The registry did not answer: {own.Error}");
        }

        return (own.Digest, container.Image, image.Tag);
    }

    private (string When, DateTimeOffset? NotBefore) When(EffectivePolicy policy, DateTimeOffset? created)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? oldEnoughAt = policy.MinimumAge > TimeSpan.Zero ? (created ?? now) + policy.MinimumAge : null;
        var waitAge = oldEnoughAt > now ? oldEnoughAt : null;
        return policy.Mode switch
        {
            UpdateMode.Monitor => ("never on its own: monitor only (a user can still update it now)", null),
            UpdateMode.Manual => ("after an operator approves it", null),
            UpdateMode.Scheduled when policy.Windows.Select(w => w.NextOpening(waitAge ?? now)).OfType<DateTimeOffset>().DefaultIfEmpty().Min() is { } opening && opening != default =>
                (opening <= now ? "now: a maintenance window is open" : $"in the next maintenance window, {opening:u}", opening),
            UpdateMode.Scheduled => ("never: no maintenance window opens again", null),
            _ when waitAge is { } at => ($"once the image is {Duration.Format(policy.MinimumAge)} old, {at:u}", at),
            _ => (policy.Rollout == RolloutKind.None || policy.Group is null ? "now" : $"now, as part of a {Wire(policy.Rollout)} rollout of group {policy.Group}", null),
        };
    }

    private static List<string> Steps(EffectivePolicy policy)
    {
        List<string> steps = ["inspect the container and its image", "pull the target by digest"];
        switch (policy.Strategy)
        {
            case UpdateStrategy.StopFirst:
                steps.AddRange(["run the pre-update hook, if any", "stop the old container and move it aside", "create and start the new one under its name",
                    $"gate: healthy, then running for {Duration.Format(policy.MonitorWindow)}"]);
                break;
            default:
                var blueGreen = policy.Strategy == UpdateStrategy.BlueGreen;
                steps.AddRange(["run the pre-update hook, if any",
                    blueGreen ? "create and start the new one beside the old one, without its network aliases" : "create and start the new one beside the old one",
                    $"gate: healthy, then running for {Duration.Format(policy.MonitorWindow)}"]);
                if (blueGreen)
                {
                    steps.Add("move the network aliases to the new one");
                }

                steps.Add("stop the old container and hand the name over");
                break;
        }

        steps.AddRange(["recreate containers that share its namespaces", "run the post-update hook, if any", "remove the old container and prune its image",
            "on any failure before the gate passes: remove the new one and restore the old one as it was"]);
        return steps;
    }

    private static string Wire(RolloutKind kind) => System.Text.Json.JsonSerializer.Serialize(kind).Trim('"');
}
