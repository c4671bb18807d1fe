using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Security;
using Dockward.Core.Settings;
using Dockward.Core.Storage;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.SystemApi;

/// <summary>
/// PUT /api/settings: changes the settings given (the others keep their value). 422 names every setting out of its
/// limits; 409 when they changed since <c>version</c> was read. Audited <c>settings.update</c>; published to admins.
/// </summary>
internal sealed class UpdateSettingsFunction(
    SystemSettings settings, ISettingsStore store, AuditTrail audit, EventLog events, TimeProvider clock) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (change, problem) = await RequestBody.ReadAsync<SettingsChange>(context.Request, cancellationToken);
        if (change is null)
        {
            return problem!;
        }

        var stored = await store.GetAsync(cancellationToken);
        var version = string.IsNullOrEmpty(change.Version) ? null : change.Version;
        if (version != stored?.Version)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "Conflict", stored is null
                ? "No settings are stored yet: send no version."
                : "The settings changed since they were read (or no version was sent): read them again and retry.");
        }

        var (next, errors) = SettingsValidation.Apply(stored ?? settings.Defaults, change);
        if (next is null)
        {
            return Invalid(errors);
        }

        var caller = Caller.Of(context);
        try
        {
            next = await store.SaveAsync(next with { UpdatedBy = caller.Actor.Name, UpdatedAt = clock.GetUtcNow(), Version = version }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "Conflict", "The settings changed since they were read: read them again and retry.");
        }

        var view = SettingsView.Of(next);
        await audit.SucceededAsync(caller.Actor, "settings.update", "settings", Describe(view), cancellationToken);
        await events.PublishAsync(EventTypes.SettingsChanged, view with { Version = null }, visibility: Role.Admin, cancellationToken: cancellationToken);
        return Results.Json(view);
    }

    private static string Describe(SettingsView v) =>
        $"checkInterval {v.CheckInterval}, historyRetentionDays {v.HistoryRetentionDays}, auditRetentionDays {v.AuditRetentionDays}, " +
        $"eventRetentionMinutes {v.EventRetentionMinutes}, statsRetentionHours {v.StatsRetentionHours}";

    private static IResult Invalid(IReadOnlyList<SettingsError> errors) =>
        Results.Problem(
            detail: string.Join("; ", errors.Select(e => e.Message)),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Invalid settings",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Setting, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
            });
}
