namespace Dockward.Core.Security.Secrets;

/// <summary>
/// The master keys that encrypt secrets at rest (registry passwords, notifier tokens) and from which signing keys are derived.
/// Bound from <c>Security</c>; checked by <see cref="SecretsOptionsValidator"/>.
/// </summary>
internal sealed class SecretsOptions
{
    public const string Section = "Security";

    /// <summary>The current key: 32 random bytes in base64. New secrets are encrypted under it. Set this or <see cref="MasterKeyFile"/>.</summary>
    public string MasterKey { get; set; } = "";

    /// <summary>
    /// Comma-separated base64 keys that still decrypt during a rotation, until every secret has been re-encrypted under
    /// the current key. Adds to the previous keys of <see cref="MasterKeyFile"/>.
    /// </summary>
    public string PreviousMasterKeys { get; set; } = "";

    /// <summary>
    /// A file holding the keys instead of <see cref="MasterKey"/> (a Docker or Kubernetes secret): the first line that is
    /// neither empty nor a <c>#</c> comment is the current key, further such lines are previous keys.
    /// </summary>
    public string MasterKeyFile { get; set; } = "";

    /// <summary>The entries of <see cref="PreviousMasterKeys"/>, trimmed, empty ones skipped.</summary>
    public IReadOnlyList<string> PreviousMasterKeyEntries() =>
        PreviousMasterKeys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
