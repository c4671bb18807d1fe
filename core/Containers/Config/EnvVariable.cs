namespace Dockward.Core.Containers.Config;

/// <summary>An environment variable as the API shows it.</summary>
/// <param name="Masked">True when <paramref name="Value"/> is shown as <see cref="SecretLookingNames.Mask"/>, not as it is.</param>
internal sealed record EnvVariable(string Name, string Value, bool Masked);
