using System.Text.Json.Serialization;
using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Updates;
using Dockward.Functions.Policies;

namespace Dockward.Functions.Containers;

/// <summary>
/// <c>GET /api/containers/{agentId}/{name}</c>: the list row's fields and everything the agent reported about the
/// container, its effective policy, its image's latest check and its last update jobs (newest first).
/// </summary>
internal sealed record ContainerDetailView(
    string AgentId,
    string Host,
    string Name,
    string Id,
    string Image,
    string? Tag,
    string State,
    string ReportedState,
    ContainerDetailView.HealthView Health,
    bool Managed,
    string? Group,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UpdateMode>))] UpdateMode Mode,
    bool UpdateAvailable,
    string? LatestDigest,
    DateTimeOffset Created,
    DateTimeOffset ReportedAt,
    string ImageId,
    IReadOnlyList<string> RepoDigests,
    string? Platform,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyList<MountInfo> Mounts,
    IReadOnlyList<NetworkAttachment> Networks,
    IReadOnlyList<EnvVariable> Env,
    RestartPolicySpec? RestartPolicy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    long? RestartCount,
    IReadOnlyList<string>? Command,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyDictionary<string, string> Labels,
    EffectivePolicyView Policy,
    ImageCheckRecord? Check,
    IReadOnlyList<UpdateJob> History)
{
    /// <summary>The HEALTHCHECK status (<c>none</c> without one) and its last run.</summary>
    internal sealed record HealthView(string Status, string? Output, int? ExitCode, DateTimeOffset? CheckedAt);

    public static ContainerDetailView Of(
        ContainerListItem item, ContainerRecord container, EffectivePolicyView policy, ImageCheckRecord? check, IReadOnlyList<UpdateJob> history, bool revealEnv)
    {
        var d = container.Details;
        return new(
            item.AgentId,
            item.Host,
            item.Name,
            item.Id,
            item.Image,
            item.Tag,
            item.State,
            item.ReportedState,
            new HealthView(item.Health, d?.HealthOutput, d?.HealthExitCode, d?.HealthCheckedAt),
            item.Managed,
            item.Group,
            item.Mode,
            item.UpdateAvailable,
            item.LatestDigest,
            item.Created,
            item.ReportedAt,
            container.ImageId,
            container.RepoDigests,
            container.Platform,
            d?.Ports ?? [],
            d?.Mounts ?? [],
            d?.Networks ?? [],
            EnvMasking.Show(d?.Env ?? [], revealEnv),
            d?.RestartPolicy,
            d?.StartedAt,
            d?.FinishedAt,
            d?.ExitCode,
            d?.RestartCount,
            d?.Command,
            d?.Entrypoint,
            container.Labels,
            policy,
            check,
            history);
    }
}
