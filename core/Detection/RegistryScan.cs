using Dockward.Contracts;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Detection.Registry;
using Dockward.Core.Detection.Tags;
using Dockward.Core.Containers;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Settings;
using Dockward.Core.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Detection;

/// <summary>
/// One check cycle: every unique image reference of the managed containers is asked of its registry
/// once, the answer is compared with what each container runs, and auto-mode containers get update jobs.
/// </summary>
internal sealed class RegistryScan(
    IContainerStore containers,
    IImageCheckStore checks,
    RegistryClient registry,
    PolicyResolver policies,
    IPolicyStore policyStore,
    UpdateRequester updates,
    RolloutPlanner rollouts,
    IOptions<DetectionOptions> options,
    TimeProvider clock,
    ILogger<RegistryScan> logger,
    EventLog? events = null,
    SystemSettings? settings = null)
{
    // Saving is a store round trip per image; a few at once keep a 1,000-image scan from waiting on them one by one.
    private const int MaxConcurrentSaves = 8;

    /// <param name="onlyImage">When set, only containers of this repository (a webhook or a user asked).</param>
    /// <param name="onlyDue">When true (the timer), only images whose check interval has passed since their last check.</param>
    public async Task<ScanSummary> RunAsync(string trigger, ImageReference? onlyImage, CancellationToken cancellationToken, bool onlyDue = false)
    {
        var book = await PolicyBook.ReadAsync(policyStore, cancellationToken);
        var managed = (await containers.ListAsync(cancellationToken))
            .Where(c => !AsideName.IsAside(c.Name)) // an old container waiting out an update is that update's business
            .Select(c => (Container: c, Policy: policies.Resolve(c, book)))
            .Where(x => x.Policy.Managed)
            .ToList();

        var results = new List<ImageCheckRecord>();
        var byImage = new List<(ImageReference Image, List<(ContainerRecord Container, EffectivePolicy Policy)> Users)>();
        foreach (var group in managed.GroupBy(x => x.Container.Image, StringComparer.Ordinal))
        {
            if (!ImageReference.TryParse(group.Key, out var image, out var error))
            {
                results.Add(new ImageCheckRecord(group.Key, null, CheckStatus.Skipped, error, clock.GetUtcNow()) { Trigger = trigger });
                continue;
            }

            if (onlyImage is null || onlyImage.SameRepository(image))
            {
                byImage.Add((image, group.ToList()));
            }
        }

        // Several spellings (nginx, docker.io/library/nginx:latest) are one registry request.
        var unique = byImage.GroupBy(x => x.Image.ToString(), StringComparer.Ordinal)
            .Select(g => (Image: g.First().Image, Users: g.SelectMany(x => x.Users).ToList()))
            .ToList();
        if (onlyDue)
        {
            unique = await DueAsync(unique, cancellationToken);
        }

        var jobsCreated = 0;
        var groups = new GroupRollouts(rollouts, trigger);
        await Parallel.ForEachAsync(
            unique,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentChecks, CancellationToken = cancellationToken },
            async (entry, ct) =>
            {
                var (check, created) = await CheckOrRecordFailureAsync(entry.Image, entry.Users, trigger, groups, ct);
                lock (results)
                {
                    results.Add(check);
                    jobsCreated += created;
                }
            });

        await groups.SealAsync(cancellationToken);
        await Parallel.ForEachAsync(
            results,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSaves, CancellationToken = cancellationToken },
            async (check, ct) =>
            {
                await checks.SaveAsync(check, ct);
                if (events is not null)
                {
                    await events.PublishAsync(EventTypes.CheckResult, new
                    {
                        image = check.Image,
                        status = check.Status,
                        remoteDigest = check.RemoteDigest,
                        runningDigests = check.RunningDigests,
                        newerTag = check.NewerTag,
                        detail = check.Detail,
                        trigger = check.Trigger,
                        checkedAt = check.CheckedAt,
                    }, cancellationToken: ct);
                }
            });

        var summary = new ScanSummary(
            results.Count,
            results.Count(r => r.Status == CheckStatus.UpdateAvailable),
            jobsCreated,
            results.Count(r => r.Status == CheckStatus.Error),
            results);
        logger.LogInformation(
            "Scan checked {Images} images: {Updates} with updates, {Jobs} jobs queued, {Errors} errors",
            summary.Images, summary.UpdatesAvailable, summary.JobsCreated, summary.Errors);
        return summary;
    }

    /// <summary>
    /// The images whose check is due: the shortest check interval among their containers' policies (or
    /// the settings' check interval, by default <see cref="DetectionOptions.CheckIntervalSeconds"/>) has passed since their last check. A few seconds of slack
    /// keep a one-minute interval from slipping to two on a timer that fires every minute.
    /// </summary>
    private async Task<List<(ImageReference Image, List<(ContainerRecord Container, EffectivePolicy Policy)> Users)>> DueAsync(
        List<(ImageReference Image, List<(ContainerRecord Container, EffectivePolicy Policy)> Users)> images, CancellationToken cancellationToken)
    {
        var slack = TimeSpan.FromSeconds(5);
        var fallback = settings is null
            ? TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds)
            : (await settings.GetAsync(cancellationToken)).CheckInterval;
        var lastChecked = (await checks.ListAsync(cancellationToken)).ToDictionary(c => c.Image, c => c.CheckedAt, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        return images.Where(x =>
        {
            var interval = x.Users.Min(u => u.Policy.CheckInterval ?? fallback);
            return !lastChecked.TryGetValue(x.Image.ToString(), out var at) || now - at >= interval - slack;
        }).ToList();
    }

    /// <summary>
    /// One image's check; a failure no registry answer should cause (a bug, the store down while queueing a job) is
    /// recorded as that image's error, so one image never costs the whole cycle its results.
    /// </summary>
    private async Task<(ImageCheckRecord Check, int JobsCreated)> CheckOrRecordFailureAsync(
        ImageReference image, List<(ContainerRecord Container, EffectivePolicy Policy)> users, string trigger, GroupRollouts groups, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckImageAsync(image, users, trigger, groups, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Check of {Image} failed", image);
            return (new ImageCheckRecord(image.ToString(), null, CheckStatus.Error, $"the check failed: {e.Message}", clock.GetUtcNow()) { Trigger = trigger }, 0);
        }
    }

    private async Task<(ImageCheckRecord Check, int JobsCreated)> CheckImageAsync(
        ImageReference image, List<(ContainerRecord Container, EffectivePolicy Policy)> users, string trigger, GroupRollouts groups, CancellationToken cancellationToken)
    {
        var requests = RegistryRequestCounter.StartCheck();
        var running = users.Select(u => (u.Container, u.Policy, Digests: RunningDigests.Of(u.Container, image))).ToList();
        string? newerTag = null;
        ImageCheckRecord Record(string? digest, CheckStatus status, string? detail) =>
            new(image.ToString(), digest, status, detail, clock.GetUtcNow())
            {
                Trigger = trigger,
                RunningDigests = [.. running.SelectMany(r => r.Digests).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                NewerTag = newerTag,
                Requests = requests.Count,
                Sources = requests.Sources,
            };

        if (image.Digest is not null)
        {
            return (Record(null, CheckStatus.Skipped, "pinned by digest: nothing to update to"), 0);
        }

        var lookup = await registry.GetDigestAsync(image, cancellationToken);
        if (lookup.Digest is null)
        {
            logger.LogWarning("Could not check {Image}: {Error}", image, lookup.Error);
            return (Record(null, CheckStatus.Error, lookup.Error), 0);
        }

        // Built locally or pulled from elsewhere: no digest from this repository to compare with.
        var comparable = running.Where(r => r.Digests.Count > 0).ToList();
        if (comparable.Count == 0)
        {
            return (Record(lookup.Digest, CheckStatus.Skipped, "image known only by id (no RepoDigest from this repository): cannot compare"), 0);
        }

        // One verdict per image: when a container runs a platform digest, the index is fetched once for all of them.
        var verdict = registry.VerdictFor(image, lookup);
        var outdated = new List<(ContainerRecord Container, EffectivePolicy Policy)>();
        string? unknown = null;
        string? failed = null;
        foreach (var (container, policy, digests) in comparable)
        {
            var platform = Platform.TryParse(container.Platform, out var parsed) ? parsed : null;
            var comparison = await verdict.CompareAsync(digests, platform, cancellationToken);
            if (comparison.Status == TagComparisonStatus.UpdateAvailable)
            {
                outdated.Add((container, policy));
            }
            else if (comparison.Status == TagComparisonStatus.Unknown)
            {
                unknown ??= $"{container.Name}: {comparison.Reason}";
            }
            else if (comparison.Status == TagComparisonStatus.Failed)
            {
                failed ??= comparison.Reason;
            }
        }

        var tags = await NewerTagsAsync(image, running.Select(r => (r.Container, r.Policy)).ToList(), cancellationToken);
        newerTag = tags.Widest;
        var created = 0;
        var tagDigests = new Dictionary<string, DigestLookup>(StringComparer.Ordinal);
        foreach (var (container, policy, _) in running)
        {
            UpdateTarget? target = null;
            if (tags.ByContainer.TryGetValue(container, out var tag))
            {
                target = await TagTargetAsync(container, image, tag, tagDigests, cancellationToken);
            }
            else if (outdated.Any(o => ReferenceEquals(o.Container, container)))
            {
                target = new UpdateTarget(lookup.Digest, Tag: image.Tag);
            }

            if (target is null)
            {
                continue;
            }

            if (policy.MinimumAge > TimeSpan.Zero)
            {
                target = await WithCreatedAsync(target, image, container, cancellationToken);
            }

            Func<CancellationToken, Task<string?>>? rolloutFor = policy is { Rollout: not RolloutKind.None, Group: { } group }
                ? ct => groups.OpenAsync(group, policy, ct)
                : null;
            var request = await updates.RequestAsync(container, policy, target, trigger, null, rolloutFor, cancellationToken);
            logger.LogInformation("Update of {Container} on {Agent} to {Target}: {Status} ({Detail})",
                container.Name, container.AgentId, target.Image ?? target.Digest, request.Status, request.Detail);
            created += request.Status == UpdateRequestStatus.Created ? 1 : 0;
        }

        if (failed is not null)
        {
            // Some containers could not be compared because the registry failed: the check failed, whatever the rest found.
            logger.LogWarning("Could not check {Image}: {Error}", image, failed);
            return (Record(lookup.Digest, CheckStatus.Error, failed), created);
        }

        if (tags.Failed)
        {
            // The digest part stands (its jobs are queued), but a check that could not look for newer tags is not "up to date".
            return (Record(lookup.Digest, CheckStatus.Error, tags.Detail), created);
        }

        if (outdated.Count > 0 || newerTag is not null)
        {
            return (Record(lookup.Digest, CheckStatus.UpdateAvailable, tags.Detail), created);
        }

        return unknown is not null
            ? (Record(lookup.Digest, CheckStatus.Skipped, unknown), created)
            : (Record(lookup.Digest, CheckStatus.UpToDate, tags.Detail), created);
    }

    /// <summary>
    /// The newer tag each container's policy allows: the tag list is read once, then each container picks from it
    /// (its skip list and pin applied); the widest choice is the image's answer for its check record.
    /// </summary>
    private async Task<NewerTagSearch> NewerTagsAsync(
        ImageReference image, IReadOnlyList<(ContainerRecord Container, EffectivePolicy Policy)> users, CancellationToken cancellationToken)
    {
        var wanting = users.Where(u => u.Policy.Tags is not null).ToList();
        if (wanting.Count == 0 || image.Tag is null)
        {
            return NewerTagSearch.None;
        }

        var listing = await registry.ListTagsAsync(image, cancellationToken);
        if (listing.Error is not null)
        {
            logger.LogWarning("Could not list the tags of {Image}: {Error}", image, listing.Error);
            return NewerTagSearch.None with { Detail = $"could not look for newer tags: {listing.Error}", Failed = true };
        }

        var byContainer = new Dictionary<ContainerRecord, string>(ReferenceEqualityComparer.Instance);
        TagChoice? widest = null;
        foreach (var (container, policy) in wanting.OrderByDescending(u => u.Policy.Tags!.Level))
        {
            var choice = NewerTagFinder.Find(image.Tag, TagLimits.Apply(listing.Tags, policy), policy.Tags!);
            widest ??= choice;
            if (choice.Tag is not null)
            {
                byContainer[container] = choice.Tag;
                widest = widest.Tag is null ? choice : widest;
            }
        }

        return new NewerTagSearch(widest?.Tag, widest?.Reason, Failed: false, byContainer);
    }

    /// <summary>The target with its image's created date (for a minimum age); unchanged when the registry cannot say.</summary>
    private async Task<UpdateTarget> WithCreatedAsync(UpdateTarget target, ImageReference image, ContainerRecord container, CancellationToken cancellationToken)
    {
        var platform = Platform.TryParse(container.Platform, out var parsed) ? parsed : null;
        var details = await registry.GetImageDetailsAsync(image with { Tag = target.Tag ?? image.Tag, Digest = null }, target.Digest, platform, cancellationToken);
        if (details.Details is null)
        {
            logger.LogWarning("Could not read the created date of {Image}@{Digest}: {Error}; its age counts from now", image.Name, target.Digest, details.Error);
        }

        return target with { Created = details.Details?.Created };
    }

    /// <summary>The digest behind a newer tag, looked up once per tag and image check.</summary>
    private async Task<UpdateTarget?> TagTargetAsync(
        ContainerRecord container, ImageReference image, string tag, Dictionary<string, DigestLookup> looked, CancellationToken cancellationToken)
    {
        if (!looked.TryGetValue(tag, out var lookup))
        {
            looked[tag] = lookup = await registry.GetDigestAsync(image with { Tag = tag, Digest = null }, cancellationToken);
        }

        if (lookup.Digest is null)
        {
            logger.LogWarning("Could not look up {Image}:{Tag}: {Error}", image.Name, tag, lookup.Error);
            return null;
        }

        return new UpdateTarget(lookup.Digest, TagLimits.MoveTo(container.Image, image, tag), tag);
    }

    private sealed record NewerTagSearch(string? Widest, string? Detail, bool Failed, IReadOnlyDictionary<ContainerRecord, string> ByContainer)
    {
        public static NewerTagSearch None { get; } = new(null, null, false, new Dictionary<ContainerRecord, string>());
    }
}
