namespace Dockward.Testing;

/// <summary>Where a test registry sends its notifications (distribution's <c>notifications.endpoints</c>) and the headers it adds.</summary>
public sealed record RegistryNotifications(Uri Url, IReadOnlyDictionary<string, string> Headers);
