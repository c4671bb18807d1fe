using Dockward.Core.Audit;
using Dockward.Core.Events;
using Dockward.Core.Policies;
using Dockward.Core.Storage;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Policies;

/// <summary>Reads, sets and removes the policy of one scope: what the global, group and container routes share.</summary>
internal sealed class PolicyEditor(IPolicyStore store, AuditTrail audit, TimeProvider clock)
{
    public async Task<IResult> GetAsync(PolicyTarget target, CancellationToken cancellationToken) =>
        await store.GetAsync(target.Scope, target.Key, cancellationToken) is { } record
            ? Results.Json(PolicyView.Of(record), PolicyJson.Options)
            : Problems.NotFound($"No {target.Name} policy is set.");

    public async Task<IResult> SetAsync(PolicyTarget target, HttpContext context, CancellationToken cancellationToken)
    {
        var (change, problem) = await PolicyJson.ReadAsync<PolicyChange>(context.Request, "$.settings", cancellationToken);
        if (change is null)
        {
            return problem!;
        }

        if (PolicyValidation.Validate(change.Settings) is { Count: > 0 } errors)
        {
            return PolicyProblems.Invalid(errors);
        }

        var caller = Caller.Of(context);
        var version = string.IsNullOrEmpty(change.Version) ? null : change.Version;
        var record = new PolicyRecord(target.Scope, target.Key, change.Settings, change.Locked, caller.Actor.Name, clock.GetUtcNow(), version);
        try
        {
            record = await store.SaveAsync(record, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Conflict(target, version);
        }

        await audit.SucceededAsync(caller.Actor, "policy.set", target.Name, change.Locked ? "locked" : null, cancellationToken);
        await PublishAsync(context, target, "set", cancellationToken);
        return Results.Json(PolicyView.Of(record), PolicyJson.Options);
    }

    public async Task<IResult> DeleteAsync(PolicyTarget target, HttpContext context, CancellationToken cancellationToken)
    {
        var version = context.Request.Query["version"].FirstOrDefault();
        bool deleted;
        try
        {
            deleted = await store.DeleteAsync(target.Scope, target.Key, string.IsNullOrEmpty(version) ? null : version, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Conflict(target, version);
        }

        if (!deleted)
        {
            return Problems.NotFound($"No {target.Name} policy is set.");
        }

        await audit.SucceededAsync(Caller.Of(context).Actor, "policy.delete", target.Name, null, cancellationToken);
        await PublishAsync(context, target, "deleted", cancellationToken);
        return Results.NoContent();
    }

    // The editor is made by each policy function (not by the container), so its one optional service is taken from the request's.
    private static Task PublishAsync(HttpContext context, PolicyTarget target, string change, CancellationToken cancellationToken) =>
        context.RequestServices.GetService<EventLog>() is { } events
            ? events.PublishAsync(
                EventTypes.PolicyChanged,
                new { scope = target.Scope, key = target.Key, policy = target.Name, change },
                context.Request.RouteValues["agentId"] as string,
                context.Request.RouteValues["name"] as string,
                cancellationToken: cancellationToken)
            : Task.CompletedTask;

    private static IResult Conflict(PolicyTarget target, string? version) =>
        Problems.Create(
            StatusCodes.Status409Conflict,
            "Conflict",
            version is null
                ? $"The {target.Name} policy already exists: read it and send its version."
                : $"The {target.Name} policy changed since version {version} was read: read it again and retry.");
}
