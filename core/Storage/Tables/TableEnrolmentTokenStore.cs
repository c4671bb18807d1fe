using Azure.Data.Tables;
using Dockward.Core.Agents;

namespace Dockward.Core.Storage.Tables;

/// <summary>Enrolment tokens in one partition, keyed by token id; using one is an update at the version read, so only one agent wins.</summary>
internal sealed class TableEnrolmentTokenStore(TableStorage storage) : IEnrolmentTokenStore
{
    private const string Partition = "enrolment";

    public async Task<EnrolmentTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("enrolmenttokens", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(tokenId), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<EnrolmentTokenRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("enrolmenttokens", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<EnrolmentTokenRecord> AddAsync(EnrolmentTokenRecord token, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("enrolmenttokens", cancellationToken);
        var etag = await TableStorage.AddAsync(table, ToEntity(token), cancellationToken);
        return token with { Version = etag };
    }

    public async Task<EnrolmentTokenRecord> UpdateAsync(EnrolmentTokenRecord token, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("enrolmenttokens", cancellationToken);
        var etag = await TableStorage.ReplaceAsync(table, ToEntity(token), token.Version, cancellationToken);
        return token with { Version = etag };
    }

    private static TableEntity ToEntity(EnrolmentTokenRecord t) => new(Partition, TableStorage.Key(t.Id))
    {
        ["Id"] = t.Id,
        ["SecretHash"] = t.SecretHash,
        ["CreatedBy"] = t.CreatedBy,
        ["CreatedAt"] = t.CreatedAt,
        ["ExpiresAt"] = t.ExpiresAt,
        ["UsedAt"] = t.UsedAt,
        ["UsedByAgentId"] = t.UsedByAgentId,
        ["ForAgentId"] = t.ForAgentId,
    };

    private static EnrolmentTokenRecord Map(TableEntity e) => new(
        e.GetString("Id"),
        e.GetString("SecretHash") ?? "",
        e.GetString("CreatedBy") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UsedAt"),
        e.GetString("UsedByAgentId"),
        e.GetString("ForAgentId"),
        e.ETag.ToString());
}
