using Azure;
using Azure.Data.Tables;
using Dockward.Core.Registries;

namespace Dockward.Core.Storage.Tables;

/// <summary>Registry credentials in one partition, keyed by the lower-cased host (host names are case-insensitive).</summary>
internal sealed class TableRegistryStore(TableStorage storage) : IRegistryStore
{
    private const string Partition = "registry";

    public async Task<RegistryRecord?> GetAsync(string host, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("registries", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, HostKey(host), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("registries", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<RegistryRecord> AddAsync(RegistryRecord registry, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("registries", cancellationToken);
        var etag = await TableStorage.AddAsync(table, ToEntity(registry), cancellationToken);
        return registry with { Version = etag };
    }

    public async Task<RegistryRecord> UpdateAsync(RegistryRecord registry, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("registries", cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(registry), registry.Version, cancellationToken);
        return registry with { Version = etag };
    }

    public async Task<bool> DeleteAsync(string host, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("registries", cancellationToken);
        // The client reports a missing row as a 404 response rather than an exception.
        var response = await table.DeleteEntityAsync(Partition, HostKey(host), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private static string HostKey(string host) => TableStorage.Key(host.ToLowerInvariant());

    private static TableEntity ToEntity(RegistryRecord r) => new(Partition, HostKey(r.Host))
    {
        ["Host"] = r.Host,
        ["UserName"] = r.UserName,
        ["PasswordCipher"] = r.PasswordCipher,
        ["UpdatedAt"] = r.UpdatedAt,
        ["UpdatedBy"] = r.UpdatedBy,
    };

    private static RegistryRecord Map(TableEntity e) => new(
        e.GetString("Host"),
        e.GetString("UserName") ?? "",
        e.GetString("PasswordCipher") ?? "",
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.GetString("UpdatedBy") ?? "",
        e.ETag.ToString());
}
