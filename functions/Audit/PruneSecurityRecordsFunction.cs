using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Security.Sessions;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Audit;

/// <summary>Timer: drops audit entries past <c>Security:AuditRetentionDays</c> and sessions that expired a day ago or more.</summary>
internal sealed class PruneSecurityRecordsFunction(
    IAuditLog audit,
    ISessionStore sessions,
    IOptions<SecurityOptions> options,
    TimeProvider clock,
    ILogger<PruneSecurityRecordsFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entries = await audit.PruneAsync(now.AddDays(-options.Value.AuditRetentionDays), cancellationToken);
        var ended = await sessions.DeleteExpiredAsync(now.AddDays(-1), cancellationToken);
        logger.LogInformation("Pruned {AuditEntries} audit entries older than {Days} days and {Sessions} expired sessions", entries, options.Value.AuditRetentionDays, ended);
    }
}
