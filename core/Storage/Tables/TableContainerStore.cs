using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Dockward.Contracts;
using Dockward.Core.Containers;
using Dockward.Core.Security.Secrets;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// One partition per agent, one row per container name. The details take a column each (ports, mounts, networks,
/// the rest), so every one stays under Table Storage's 64 KiB per property; the environment is encrypted, as it
/// often holds passwords. An explicit registration (<see cref="TableContainerManagementStore"/>) is joined in on read.
/// A report rewrites only the containers that changed (a fingerprint of each row, the environment compared
/// decrypted), so a row's <c>ReportedAt</c> is the report that last changed it. Two reports of one agent that
/// overlap (a retried one) can leave a row as the older wrote it; the agent's next report puts it right.
/// </summary>
/// <param name="protector">Encrypts the environment; without one (store tests) the environment is not kept at all.</param>
internal sealed class TableContainerStore(TableStorage storage, SecretProtector? protector = null) : IContainerStore
{
    private const string TableName = "containers";
    private const string EnvPurpose = "container-env";

    /// <summary>
    /// Part of every fingerprint: change it whenever <see cref="ToEntity"/> writes a row differently, so the next
    /// report writes every row again in the new form.
    /// </summary>
    private const string RowFormat = "containers-row-1";

    private static readonly byte[] RowFormatBytes = Encoding.UTF8.GetBytes(RowFormat + "\n");

    // Entity group transactions hold at most 100 operations and 4 MiB.
    private const int BatchSize = 100;
    private const int BatchBytes = 3 * 1024 * 1024;

    private static readonly string[] SummaryColumns =
        ["PartitionKey", "RowKey", "AgentId", "Name", "ContainerId", "Image", "ImageId", "RepoDigests", "State", "Health", "Labels", "Created", "ReportedAt", "Platform"];

    public async Task ReplaceInventoryAsync(string agentId, IReadOnlyList<ContainerRecord> containers, CancellationToken cancellationToken) =>
        await SwapInventoryAsync(agentId, containers, cancellationToken);

    public async Task<IReadOnlyList<ContainerStatus>> SwapInventoryAsync(
        string agentId, IReadOnlyList<ContainerRecord> containers, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var partition = TableStorage.Key(agentId);
        var existing = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey", "Name", "State", "Health", "Fingerprint", "Env"],
            cancellationToken: cancellationToken))
        {
            var status = new ContainerStatus(e.GetString("Name") ?? Uri.UnescapeDataString(e.RowKey), e.GetString("State") ?? "", e.GetString("Health"));
            existing[e.RowKey] = new StoredRow(status, e.GetString("Fingerprint"), e.GetString("Env"));
        }

        // Only what changed is written: most of a report repeats the one before, and rewriting it all would make
        // every heartbeat cost a write per container.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        foreach (var container in containers)
        {
            var row = TableStorage.Key(container.Name);
            reported.Add(row);
            var fingerprint = Fingerprint(container);
            if (!existing.TryGetValue(row, out var stored) || stored.Fingerprint != fingerprint || !SameEnv(stored.ProtectedEnv, container))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(container, fingerprint)));
            }
        }

        actions.AddRange(existing.Keys.Where(row => !reported.Contains(row))
            .Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row))));
        foreach (var batch in Batches(actions))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }

        return existing.Values.Select(x => x.Status).ToList();
    }

    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var registrations = await RegistrationsAsync(cancellationToken);
        var results = new List<ContainerRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: 1000, select: SummaryColumns, cancellationToken: cancellationToken))
        {
            var record = Map(e, withDetails: false);
            results.Add(record with { Registered = registrations.GetValueOrDefault((record.AgentId, record.Name)) });
        }

        return results;
    }

    public async Task<IReadOnlyList<ContainerRecord>> ListForAgentAsync(string agentId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var management = await storage.TableAsync(TableContainerManagementStore.TableName, cancellationToken);
        var partition = TableStorage.Key(agentId);
        var registrations = (await TableStorage.QueryAsync(
                management, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), TableContainerManagementStore.Map, cancellationToken))
            .ToDictionary(r => r.Name, r => (bool?)r.Managed, StringComparer.Ordinal);
        var results = new List<ContainerRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 1000, select: SummaryColumns, cancellationToken: cancellationToken))
        {
            var record = Map(e, withDetails: false);
            results.Add(record with { Registered = registrations.GetValueOrDefault(record.Name) });
        }

        return results;
    }

    public async Task<ContainerRecord?> GetAsync(string agentId, string name, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await TableStorage.FindAsync(table, TableStorage.Key(agentId), TableStorage.Key(name), cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var management = await storage.TableAsync(TableContainerManagementStore.TableName, cancellationToken);
        var registration = await TableStorage.FindAsync(management, TableStorage.Key(agentId), TableStorage.Key(name), cancellationToken);
        return Map(entity, withDetails: true) with { Registered = registration?.GetBoolean("Managed") };
    }

    private async Task<Dictionary<(string, string), bool?>> RegistrationsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableContainerManagementStore.TableName, cancellationToken);
        var all = await TableStorage.QueryAsync(table, null, TableContainerManagementStore.Map, cancellationToken);
        return all.ToDictionary(r => (r.AgentId, r.Name), r => (bool?)r.Managed);
    }

    private sealed record StoredRow(ContainerStatus Status, string? Fingerprint, string? ProtectedEnv);

    private static IEnumerable<List<TableTransactionAction>> Batches(IEnumerable<TableTransactionAction> actions)
    {
        var batch = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var action in actions)
        {
            var size = SizeOf(action.Entity);
            if (batch.Count > 0 && (batch.Count == BatchSize || bytes + size > BatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(action);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    // An upper bound: UTF-16 text is sent as UTF-8 JSON, escaped at most a little.
    private static int SizeOf(ITableEntity entity) =>
        entity is TableEntity e ? 512 + e.Sum(p => 64 + (p.Value is string s ? s.Length * 3 : 32)) : 512;

    /// <summary>
    /// A hash of everything stored of a container but the environment (compared decrypted, so no hash of a secret is
    /// kept) and the time of the report, under <see cref="RowFormat"/>. The last health check's time and output are in
    /// it: a container with a HEALTHCHECK is written again whenever Docker ran a newer check.
    /// </summary>
    private static string Fingerprint(ContainerRecord c)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(RowFormatBytes);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(
            c with { ReportedAt = default, Version = null, Registered = null, Details = c.Details is { } d ? d with { Env = [] } : null }));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Whether the stored environment is the reported one, under the current key (an older key's is written again).</summary>
    private bool SameEnv(string? protectedEnv, ContainerRecord c)
    {
        if (protector is null || c.Details is null)
        {
            return true;
        }

        if (protectedEnv is null || !protector.IsCurrent(protectedEnv))
        {
            return false;
        }

        try
        {
            return protector.Unprotect(protectedEnv, EnvPurpose, $"{c.AgentId}/{c.Name}") == TableStorage.ToJson(c.Details.Env);
        }
        catch (SecretUnreadableException)
        {
            return false;
        }
    }

    private TableEntity ToEntity(ContainerRecord c, string fingerprint)
    {
        var entity = new TableEntity(TableStorage.Key(c.AgentId), TableStorage.Key(c.Name))
        {
            ["AgentId"] = c.AgentId,
            ["Name"] = c.Name,
            ["ContainerId"] = c.Id,
            ["Image"] = c.Image,
            ["ImageId"] = c.ImageId,
            ["RepoDigests"] = TableStorage.ToJson(c.RepoDigests),
            ["State"] = c.State,
            ["Health"] = c.Health,
            ["Labels"] = TableStorage.ToJson(c.Labels),
            ["Created"] = c.Created,
            ["ReportedAt"] = c.ReportedAt,
            ["Platform"] = c.Platform,
            ["Fingerprint"] = fingerprint,
        };
        if (c.Details is { } d)
        {
            entity["Ports"] = TableStorage.ToJson(d.Ports);
            entity["Mounts"] = TableStorage.ToJson(d.Mounts);
            entity["Networks"] = TableStorage.ToJson(d.Networks);
            entity["Runtime"] = TableStorage.ToJson(d with { Ports = [], Mounts = [], Networks = [], Env = [] });
            entity["Env"] = protector?.Protect(TableStorage.ToJson(d.Env), EnvPurpose, $"{c.AgentId}/{c.Name}");
        }

        return entity;
    }

    private ContainerRecord Map(TableEntity e, bool withDetails)
    {
        var agentId = e.GetString("AgentId");
        var name = e.GetString("Name");
        return new(
            agentId,
            name,
            e.GetString("ContainerId"),
            e.GetString("Image"),
            e.GetString("ImageId") ?? "",
            TableStorage.FromJson<string[]>(e.GetString("RepoDigests"), []),
            e.GetString("State") ?? "",
            e.GetString("Health"),
            TableStorage.FromJson<Dictionary<string, string>>(e.GetString("Labels"), []),
            e.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("ReportedAt") ?? DateTimeOffset.MinValue,
            e.GetString("Platform"),
            e.ETag.ToString(),
            withDetails ? DetailsOf(e, $"{agentId}/{name}") : null);
    }

    private ContainerDetails? DetailsOf(TableEntity e, string recordId)
    {
        if (TableStorage.FromJson<ContainerDetails?>(e.GetString("Runtime"), null) is not { } runtime)
        {
            return null;
        }

        return runtime with
        {
            Ports = TableStorage.FromJson<PortMapping[]>(e.GetString("Ports"), []),
            Mounts = TableStorage.FromJson<MountInfo[]>(e.GetString("Mounts"), []),
            Networks = TableStorage.FromJson<NetworkAttachment[]>(e.GetString("Networks"), []),
            Env = EnvOf(e.GetString("Env"), recordId),
        };
    }

    private string[] EnvOf(string? protectedEnv, string recordId)
    {
        if (protectedEnv is null || protector is null)
        {
            return [];
        }

        try
        {
            return TableStorage.FromJson<string[]>(protector.Unprotect(protectedEnv, EnvPurpose, recordId), []);
        }
        catch (SecretUnreadableException)
        {
            // Made under a key the ring no longer holds: the agent's next report (its heartbeat) stores it again.
            return [];
        }
    }
}
