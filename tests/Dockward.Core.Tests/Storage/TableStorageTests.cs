using Azure.Data.Tables;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableStorageTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();

    [Fact]
    public async Task A_batch_delete_leaves_rows_changed_since_they_were_read_and_counts_only_what_it_deleted()
    {
        var table = await backend.Connect().TableAsync("rows", CancellationToken.None);
        foreach (var row in new[] { "a", "b", "c", "d" })
        {
            await table.AddEntityAsync(new TableEntity("p", row) { ["Value"] = 1 });
        }

        var read = await TableStorage.QueryAsync(table, null, e => e, CancellationToken.None);
        await table.UpdateEntityAsync(new TableEntity("p", "b") { ["Value"] = 2 }, read[1].ETag, TableUpdateMode.Replace);
        await table.DeleteEntityAsync("p", "c");

        var deleted = await TableStorage.DeleteBatchAsync(table, read, CancellationToken.None);

        deleted.ShouldBe(2);
        var left = await TableStorage.QueryAsync(table, null, e => (e.RowKey, e.GetInt32("Value")), CancellationToken.None);
        left.ShouldBe([("b", (int?)2)]);
    }

    [Fact]
    public async Task Deleting_where_a_filter_matches_removes_every_match_across_partitions_and_pages()
    {
        var table = await backend.Connect().TableAsync("rows", CancellationToken.None);
        foreach (var partition in new[] { "p1", "p2" })
        {
            var rows = Enumerable.Range(0, 1100).Select(i => new TableEntity(partition, $"{i:D4}") { ["Old"] = i < 1050 });
            foreach (var batch in rows.Chunk(100))
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
            }
        }

        var deleted = await TableStorage.DeleteWhereAsync(table, "Old eq true", CancellationToken.None);

        deleted.ShouldBe(2100);
        (await TableStorage.QueryAsync(table, null, e => e.RowKey, CancellationToken.None)).Count.ShouldBe(100);
    }
}
