namespace Dockward.Core.Containers;

/// <summary>
/// A person's explicit word on whether a container is managed: registered (updated, actions allowed) or unregistered
/// (never updated, actions refused). Beats labels, policies and the default; kept apart from the inventory so it
/// survives the container being recreated or going away for a while.
/// </summary>
/// <param name="Managed">True when registered, false when unregistered.</param>
/// <param name="ChangedBy">Who registered or unregistered it (the audit actor's name).</param>
internal sealed record ContainerRegistration(string AgentId, string Name, bool Managed, string ChangedBy, DateTimeOffset ChangedAt);
