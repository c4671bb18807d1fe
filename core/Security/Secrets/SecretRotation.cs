namespace Dockward.Core.Security.Secrets;

/// <summary>What a key rotation did to one holder's secrets.</summary>
/// <param name="Unreadable">Records whose secret could not be decrypted with any known key, with the reason.</param>
internal sealed record SecretRotation(string Holder, int Reencrypted, IReadOnlyList<string> Unreadable);
