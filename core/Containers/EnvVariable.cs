namespace Dockward.Core.Containers;

/// <summary>One environment variable as the detail shows it; <paramref name="Masked"/> when its value is hidden.</summary>
internal sealed record EnvVariable(string Name, string Value, bool Masked);
