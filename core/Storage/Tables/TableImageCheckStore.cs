using Azure.Data.Tables;
using Dockward.Core.Detection;

namespace Dockward.Core.Storage.Tables;

/// <summary>One row per image reference, holding its latest check.</summary>
internal sealed class TableImageCheckStore(TableStorage storage) : IImageCheckStore
{
    private const string Partition = "image";

    public async Task SaveAsync(ImageCheckRecord check, CancellationToken cancellationToken)
    {
        // Last writer wins: a timer scan and a user-run check ask the same registry, and the newest answer is the one to keep.
        var table = await storage.TableAsync("imagechecks", cancellationToken);
        await table.UpsertEntityAsync(ToEntity(check), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ImageCheckRecord?> GetAsync(string image, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("imagechecks", cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(image), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<ImageCheckRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync("imagechecks", cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    private static TableEntity ToEntity(ImageCheckRecord c) => new(Partition, TableStorage.Key(c.Image))
    {
        ["Image"] = c.Image,
        ["RemoteDigest"] = c.RemoteDigest,
        ["Status"] = c.Status.ToString(),
        ["Detail"] = c.Detail,
        ["CheckedAt"] = c.CheckedAt,
    };

    private static ImageCheckRecord Map(TableEntity e) => new(
        e.GetString("Image"),
        e.GetString("RemoteDigest"),
        Enum.TryParse<CheckStatus>(e.GetString("Status"), out var status) ? status : CheckStatus.Error,
        e.GetString("Detail"),
        e.GetDateTimeOffset("CheckedAt") ?? DateTimeOffset.MinValue,
        e.ETag.ToString());
}
