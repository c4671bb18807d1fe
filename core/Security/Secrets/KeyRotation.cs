using Dockward.Core.Audit;

namespace Dockward.Core.Security.Secrets;

/// <summary>
/// Moves every stored secret to the current master key. Run after making a new key current and listing the old
/// one in <c>Security:PreviousMasterKeys</c>; once it reports zero left, the old key can be dropped.
/// </summary>
internal sealed class KeyRotation(IEnumerable<ISecretHolder> holders, MasterKeyRing keys, AuditTrail audit)
{
    public async Task<IReadOnlyList<SecretRotation>> RunAsync(Actor actor, CancellationToken cancellationToken)
    {
        var report = new List<SecretRotation>();
        foreach (var holder in holders)
        {
            report.Add(await holder.ReprotectAllAsync(cancellationToken));
        }

        var unreadable = report.Sum(r => r.Unreadable.Count);
        await audit.RecordAsync(actor, "security.key_rotation", keys.Current.Id, unreadable == 0 ? AuditResult.Success : AuditResult.Failure,
            string.Join(", ", report.Select(r => $"{r.Reencrypted} {r.Holder} re-encrypted")) + (unreadable == 0 ? "" : $", {unreadable} unreadable"),
            cancellationToken);
        return report;
    }
}
