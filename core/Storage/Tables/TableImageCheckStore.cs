using System.Globalization;
using Azure.Data.Tables;
using Dockward.Core.Detection;

namespace Dockward.Core.Storage.Tables;

/// <summary>
/// The latest check per image in <c>imagechecks</c> (one partition, one row per image), and every check in
/// <c>imagecheckhistory</c>: a partition per image, row keys starting with the time inverted, so an image's
/// history reads newest first and a time range is a row key range.
/// </summary>
internal sealed class TableImageCheckStore(TableStorage storage) : IImageCheckStore
{
    private const string Partition = "image";
    private const string Latest = "imagechecks";
    private const string History = "imagecheckhistory";
    private const int MaxHistory = 1000;

    public async Task SaveAsync(ImageCheckRecord check, CancellationToken cancellationToken)
    {
        // Last writer wins: a timer scan and a user-run check ask the same registry, and the newest answer is the one to keep.
        var latest = await storage.TableAsync(Latest, cancellationToken);
        await latest.UpsertEntityAsync(ToEntity(check, Partition, TableStorage.Key(check.Image)), TableUpdateMode.Replace, cancellationToken);

        var history = await storage.TableAsync(History, cancellationToken);
        var rowKey = Inverted(check.CheckedAt) + "_" + Guid.NewGuid().ToString("N")[..8];
        await TableStorage.AddAsync(history, ToEntity(check, TableStorage.Key(check.Image), rowKey), cancellationToken);
    }

    public async Task<ImageCheckRecord?> GetAsync(string image, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Latest, cancellationToken);
        var entity = await TableStorage.FindAsync(table, Partition, TableStorage.Key(image), cancellationToken);
        return entity is null ? null : Map(entity);
    }

    public async Task<IReadOnlyList<ImageCheckRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(Latest, cancellationToken);
        return await TableStorage.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), Map, cancellationToken);
    }

    public async Task<IReadOnlyList<ImageCheckRecord>> ListHistoryAsync(string image, int limit, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(History, cancellationToken);
        var partition = TableStorage.Key(image);
        return await TableStorage.TakeAsync(
            table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), Math.Clamp(limit, 1, MaxHistory), MapHistory, cancellationToken);
    }

    public async Task<int> PruneHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(History, cancellationToken);
        var olderThan = Digits(DateTimeOffset.MaxValue.UtcTicks - before.UtcTicks + 1);
        return await TableStorage.DeleteWhereAsync(table, TableClient.CreateQueryFilter($"RowKey ge {olderThan}"), cancellationToken);
    }

    private static string Inverted(DateTimeOffset at) => Digits(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks);

    private static string Digits(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ImageCheckRecord c, string partition, string row) => new(partition, row)
    {
        ["Image"] = c.Image,
        ["RemoteDigest"] = c.RemoteDigest,
        ["Status"] = c.Status.ToString(),
        ["Detail"] = c.Detail,
        ["CheckedAt"] = c.CheckedAt,
        ["Trigger"] = c.Trigger,
        ["RunningDigests"] = TableStorage.ToJson(c.RunningDigests),
        ["NewerTag"] = c.NewerTag,
        ["Requests"] = c.Requests,
        ["Sources"] = TableStorage.ToJson(c.Sources),
    };

    private static ImageCheckRecord Map(TableEntity e) => MapHistory(e) with { Version = e.ETag.ToString() };

    private static ImageCheckRecord MapHistory(TableEntity e) => new(
        e.GetString("Image"),
        e.GetString("RemoteDigest"),
        Enum.TryParse<CheckStatus>(e.GetString("Status"), out var status) ? status : CheckStatus.Error,
        e.GetString("Detail"),
        e.GetDateTimeOffset("CheckedAt") ?? DateTimeOffset.MinValue)
    {
        Trigger = e.GetString("Trigger"),
        RunningDigests = TableStorage.FromJson<string[]>(e.GetString("RunningDigests"), []),
        NewerTag = e.GetString("NewerTag"),
        Requests = e.GetInt32("Requests") ?? 0,
        Sources = TableStorage.FromJson<string[]>(e.GetString("Sources"), []),
    };
}
