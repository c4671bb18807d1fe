namespace Dockward.Core.Security.Secrets;

/// <summary>
/// A stored secret could not be decrypted: it is malformed, made under a key the ring no longer holds, tampered with, or
/// copied from another record or purpose. The message names the purpose, the record and the reason, never the secret.
/// </summary>
internal sealed class SecretUnreadableException : Exception
{
    public SecretUnreadableException(string purpose, string recordId, string reason)
        : base($"The {purpose} secret of record '{recordId}' cannot be read: {reason}.")
    {
        Purpose = purpose;
        RecordId = recordId;
        Reason = reason;
    }

    public SecretUnreadableException() { }

    public SecretUnreadableException(string message) : base(message) { }

    public SecretUnreadableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>What the secret is for, as passed to <see cref="SecretProtector.Unprotect"/>.</summary>
    public string Purpose { get; } = "";

    /// <summary>The record the secret was read for.</summary>
    public string RecordId { get; } = "";

    /// <summary>Why it cannot be read, e.g. <c>unknown key 1a2b3c4d</c>.</summary>
    public string Reason { get; } = "";
}
