using Dockward.Core.Policies;

namespace Dockward.Functions.Policies;

/// <summary>A stored policy as the API shows it; <see cref="Version"/> goes back with the next PUT or DELETE.</summary>
internal sealed record PolicyView(
    PolicyScope Scope,
    string Key,
    PolicySettings Settings,
    bool Locked,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    string? Version)
{
    public static PolicyView Of(PolicyRecord r) => new(r.Scope, r.Key, r.Settings, r.Locked, r.UpdatedBy, r.UpdatedAt, r.Version);
}
