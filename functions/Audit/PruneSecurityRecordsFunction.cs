using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Settings;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Audit;

/// <summary>
/// Timer: drops audit entries past the settings' <c>auditRetentionDays</c> (by default <c>Security:AuditRetentionDays</c>)
/// and sessions that expired a day ago or more.
/// </summary>
internal sealed class PruneSecurityRecordsFunction(
    IAuditLog audit,
    ISessionStore sessions,
    IOptions<SecurityOptions> options,
    TimeProvider clock,
    ILogger<PruneSecurityRecordsFunction> logger,
    SystemSettings? settings = null) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var days = settings is null ? options.Value.AuditRetentionDays : (await settings.GetAsync(cancellationToken)).AuditRetentionDays;
        var entries = await audit.PruneAsync(now.AddDays(-days), cancellationToken);
        var ended = await sessions.DeleteExpiredAsync(now.AddDays(-1), cancellationToken);
        logger.LogInformation("Pruned {AuditEntries} audit entries older than {Days} days and {Sessions} expired sessions", entries, days, ended);
    }
}
