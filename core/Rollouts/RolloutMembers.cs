using Dockward.Core.Containers;
using Dockward.Core.Updates;

namespace Dockward.Core.Rollouts;

/// <summary>The jobs of a rollout, read from the job store: its members in rollout order, and the rollback jobs it added.</summary>
internal sealed class RolloutMembers(IUpdateJobStore jobs, IContainerStore containers)
{
    /// <summary>The trigger of a job a rollout adds to put a container back on the digest it ran before.</summary>
    public const string RollbackTrigger = Triggers.Rollback;

    /// <summary>
    /// Every job of the rollout: the members in compose <c>depends_on</c> order, then by container name; after them
    /// the rollback jobs, oldest first.
    /// </summary>
    public async Task<RolloutJobs> ReadAsync(string rolloutId, CancellationToken cancellationToken)
    {
        var all = await jobs.ListAsync(new JobFilter(RolloutId: rolloutId), cancellationToken);
        var members = all.Where(j => j.Trigger != RollbackTrigger).ToList();
        var rollbacks = all.Where(j => j.Trigger == RollbackTrigger).OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
        return new RolloutJobs(await InOrderAsync(members, cancellationToken), rollbacks);
    }

    private async Task<IReadOnlyList<UpdateJob>> InOrderAsync(List<UpdateJob> members, CancellationToken cancellationToken)
    {
        if (members.Count < 2)
        {
            return members;
        }

        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var job in members)
        {
            if (await containers.GetAsync(job.AgentId, job.ContainerName, cancellationToken) is { } record)
            {
                labels[job.Id] = record.Labels;
            }
        }

        // ComposeOrder breaks ties by age; a rollout's tie-break is the container name, so it is handed the
        // members with their name order as their age and the real jobs are looked up again by id.
        var byName = members
            .OrderBy(j => j.ContainerName, StringComparer.Ordinal).ThenBy(j => j.AgentId, StringComparer.Ordinal).ThenBy(j => j.Id, StringComparer.Ordinal)
            .ToList();
        var byId = byName.ToDictionary(j => j.Id, StringComparer.Ordinal);
        var asAged = byName.Select((j, i) => j with { CreatedAt = DateTimeOffset.UnixEpoch.AddTicks(i) }).ToList();
        return [.. ComposeOrder.Order(asAged, j => labels.GetValueOrDefault(j.Id)).Select(j => byId[j.Id])];
    }
}
