using Dockward.Core.Policies;

namespace Dockward.Functions.Policies;

/// <summary>The body of <c>PUT /api/policies/…</c>.</summary>
/// <param name="Settings">The whole policy of the scope: settings left out are left to the scopes below.</param>
/// <param name="Locked">When true, container labels cannot override the settings given here.</param>
/// <param name="Version">The version read with GET (null to create one that does not exist yet); a stale one is refused with 409.</param>
internal sealed record PolicyChange(PolicySettings Settings, bool Locked = false, string? Version = null);
