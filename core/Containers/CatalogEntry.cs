using Dockward.Core.Detection;
using Dockward.Core.Policies;

namespace Dockward.Core.Containers;

/// <summary>One container as the list shows it, worked out once per load: its effective policy, its image's latest check, its tag.</summary>
/// <param name="Host">Its agent's name (the agent's id when the agent is gone).</param>
/// <param name="CheckKey">Its image reference normalised as checks are stored; null when the reference does not parse.</param>
/// <param name="SearchText">Name, image and labels in lower case, one per line: what <c>q</c> searches.</param>
internal sealed record CatalogEntry(
    ContainerRecord Container,
    string Host,
    EffectivePolicy Policy,
    string? Tag,
    string? CheckKey,
    string SearchText)
{
    public static CatalogEntry Of(ContainerRecord container, string host, EffectivePolicy policy)
    {
        var reference = ImageReference.TryParse(container.Image, out var image, out _) ? image : null;
        var text = string.Join('\n', [container.Name, container.Image, .. container.Labels.Select(l => $"{l.Key}={l.Value}")]).ToLowerInvariant();
        return new(container, host, policy, reference?.Tag ?? (reference?.Digest is null ? "latest" : null), reference?.ToString(), text);
    }

    /// <summary>Whether the latest check of its image found a digest this container does not run yet.</summary>
    public bool UpdateAvailable(ImageCheckRecord? check) =>
        check is { Status: CheckStatus.UpdateAvailable }
        && (check.RemoteDigest is null || !Container.RepoDigests.Any(d => d.EndsWith("@" + check.RemoteDigest, StringComparison.Ordinal)));
}
