using Dockward.Core.Audit;

namespace Dockward.Core.Security.Secrets;

/// <summary>
/// Moves every stored secret to the current master key. Run after making a new key current and listing the old
/// one in <c>Security:PreviousMasterKeys</c>; once it reports zero left, the old key can be dropped.
/// </summary>
internal sealed class KeyRotation(IEnumerable<ISecretHolder> holders, MasterKeyRing keys, AuditTrail audit)
{
    public async Task<IReadOnlyList<(string Holder, int Reencrypted)>> RunAsync(Actor actor, CancellationToken cancellationToken)
    {
        var report = new List<(string, int)>();
        foreach (var holder in holders)
        {
            report.Add((holder.Name, await holder.ReprotectAllAsync(cancellationToken)));
        }

        await audit.SucceededAsync(actor, "security.key_rotation", keys.Current.Id,
            string.Join(", ", report.Select(r => $"{r.Item2} {r.Item1} re-encrypted")), cancellationToken);
        return report;
    }
}
