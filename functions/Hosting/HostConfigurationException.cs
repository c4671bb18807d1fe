namespace Dockward.Functions.Hosting;

/// <summary>A setting is missing or malformed; the message names its key. The host exits instead of starting.</summary>
internal sealed class HostConfigurationException(string message) : Exception(message);
