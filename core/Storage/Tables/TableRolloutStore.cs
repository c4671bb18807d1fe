using Azure;
using Azure.Data.Tables;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// Rollouts in one partition (there are a handful at a time, and one partition lets a transaction span them);
/// settings, canaries and events as JSON columns. Beside them, each group with a running rollout has a marker row
/// (<c>~running~&lt;group&gt;</c>) written and removed in the same transaction as the rollout, so "one running
/// rollout per group" holds however many requests race.
/// </summary>
internal sealed class TableRolloutStore(TableStorage storage) : IRolloutStore
{
    private const string TableName = "rollouts";
    private const string Partition = "rollout";

    // Rollout ids start with a digit; markers sort after every rollout and are left out of queries.
    private const string MarkerPrefix = "~running~";
    private const string RolloutsOnly = "RowKey lt '~'";

    public async Task<RolloutRecord> AddAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        if (rollout.State != RolloutState.Running)
        {
            return rollout with { Version = await TableStorage.AddAsync(table, ToEntity(rollout), cancellationToken) };
        }

        try
        {
            var response = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, Marker(rollout)),
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(rollout)),
                ],
                cancellationToken);
            return rollout with { Version = response.Value[1].Headers.ETag?.ToString() ?? "" };
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            throw new ConcurrencyConflictException($"group {rollout.Group} already has a running rollout.", e);
        }
    }

    public async Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        if (rolloutId.StartsWith('~'))
        {
            return null;
        }

        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(rolloutId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<RolloutRecord>> ListAsync(RolloutState? state, string? group, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), RolloutsOnly };
        if (state is { } s)
        {
            parts.Add(TableClient.CreateQueryFilter($"State eq {s.ToString()}"));
        }

        if (group is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"Group eq {group}"));
        }

        return await TableStorage.QueryAsync(table, string.Join(" and ", parts), Map, cancellationToken);
    }

    public async Task<RolloutRecord> UpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        if (rollout.State == RolloutState.Running)
        {
            return rollout with { Version = await TableStorage.ReplaceAsync(table, ToEntity(rollout), rollout.Version, cancellationToken) };
        }

        if (string.IsNullOrEmpty(rollout.Version))
        {
            throw new ArgumentException("An update needs the version it was read at.", nameof(rollout));
        }

        try
        {
            // Ending the rollout frees its group in the same transaction.
            var response = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(rollout), new ETag(rollout.Version)),
                    new TableTransactionAction(TableTransactionActionType.Delete, Marker(rollout), ETag.All),
                ],
                cancellationToken);
            return rollout with { Version = response.Value[0].Headers.ETag?.ToString() ?? "" };
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            // No marker: it had ended before (an event appended to an ended rollout).
            return rollout with { Version = await TableStorage.ReplaceAsync(table, ToEntity(rollout), rollout.Version, cancellationToken) };
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            throw new ConcurrencyConflictException($"rollout {rollout.Id} changed since it was read.", e);
        }
    }

    private static TableEntity Marker(RolloutRecord r) =>
        new(Partition, MarkerPrefix + TableStorage.Key(r.Group)) { ["RolloutId"] = r.Id };

    private static TableEntity ToEntity(RolloutRecord r) => new(Partition, TableStorage.Key(r.Id))
    {
        ["Id"] = r.Id,
        ["Group"] = r.Group,
        ["Kind"] = r.Kind.ToString(),
        ["Settings"] = TableStorage.ToJson(r.Settings),
        ["Trigger"] = r.Trigger,
        ["RequestedBy"] = r.RequestedBy,
        ["State"] = r.State.ToString(),
        ["Phase"] = r.Phase?.ToString(),
        ["CanaryJobIds"] = TableStorage.ToJson(r.CanaryJobIds),
        ["Sealed"] = r.Sealed,
        ["Reason"] = r.Reason,
        ["Events"] = TableStorage.ToJson(r.Events),
        ["CreatedAt"] = r.CreatedAt,
        ["UpdatedAt"] = r.UpdatedAt,
        ["VerifyUntil"] = r.VerifyUntil,
    };

    private static RolloutRecord Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("Group"),
        Enum.TryParse<RolloutKind>(e.GetString("Kind"), out var kind) ? kind : RolloutKind.Rolling,
        TableStorage.FromJson(e.GetString("Settings"), new RolloutSettings(1, 0, TimeSpan.Zero, RollbackScope.Failed)),
        e.GetString("Trigger") ?? "",
        e.GetString("RequestedBy") ?? "",
        Enum.TryParse<RolloutState>(e.GetString("State"), out var state) ? state : RolloutState.Halted,
        Enum.TryParse<RolloutPhase>(e.GetString("Phase"), out var phase) ? phase : null,
        TableStorage.FromJson<string[]>(e.GetString("CanaryJobIds"), []),
        e.GetBoolean("Sealed") ?? false,
        e.GetString("Reason"),
        TableStorage.FromJson<RolloutEvent[]>(e.GetString("Events"), []),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString())
    {
        VerifyUntil = e.GetDateTimeOffset("VerifyUntil"),
    };
}
