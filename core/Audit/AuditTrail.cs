using Microsoft.Extensions.Logging;

namespace Dockward.Core.Audit;

/// <summary>
/// Writes audit entries. Each entry also goes to the log, so a change is on record even if the store write
/// fails after the change itself succeeded.
/// </summary>
internal sealed class AuditTrail(IAuditLog log, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(
        Actor actor, string action, string? target, AuditResult result, string? detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), actor.Name, action, target, actor.Address, result, detail);
        logger.LogInformation(
            "Audit {AuditAction} by {AuditActor} from {AuditAddress} on {AuditTarget}: {AuditResult} {AuditDetail}",
            action, actor.Name, actor.Address, target, result, detail);
        try
        {
            // Not the caller's token: a client that disconnects must not keep its action out of the log.
            await log.WriteAsync(entry, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not store audit entry {AuditAction} by {AuditActor} on {AuditTarget}", action, actor.Name, target);
            throw;
        }
    }

    public Task SucceededAsync(Actor actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(actor, action, target, AuditResult.Success, detail, cancellationToken);

    public Task FailedAsync(Actor actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(actor, action, target, AuditResult.Failure, detail, cancellationToken);

    public Task DeniedAsync(Actor actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        RecordAsync(actor, action, target, AuditResult.Denied, detail, cancellationToken);
}
