using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Policies;

/// <summary>What the policy tests build: a resolver with given defaults, labels, stored policies.</summary>
internal static class Policies
{
    public static PolicyResolver Resolver(bool manageAll = false, UpdateMode defaultMode = UpdateMode.Auto) =>
        new(Options.Create(new DetectionOptions { ManageAllContainers = manageAll }), Options.Create(new PolicyOptions { DefaultMode = defaultMode }));

    public static EffectivePolicy Resolve(this PolicyResolver resolver, IReadOnlyDictionary<string, string> labels, params PolicyRecord[] stored) =>
        resolver.Resolve("agent-1", "web", labels, new PolicyBook(stored));

    public static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);

    public static PolicyRecord Global(PolicySettings settings, bool locked = false) =>
        new(PolicyScope.Global, "", settings, locked, "user:alice", DateTimeOffset.UnixEpoch);

    public static PolicyRecord Group(string group, PolicySettings settings, bool locked = false) =>
        new(PolicyScope.Group, group, settings, locked, "user:alice", DateTimeOffset.UnixEpoch);

    public static PolicyRecord Container(PolicySettings settings, bool locked = false) =>
        new(PolicyScope.Container, PolicyRecord.ContainerKey("agent-1", "web"), settings, locked, "user:alice", DateTimeOffset.UnixEpoch);

    public static MaintenanceWindow Window(string text) =>
        MaintenanceWindow.TryParse(text, out var window, out var error) ? window! : throw new ArgumentException(error, nameof(text));
}
