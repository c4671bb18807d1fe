using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Storage;

/// <summary>
/// One test's tables in the shared Azurite: a table prefix no other test uses, so tests never see each
/// other's rows, and the tables are dropped when the test ends.
/// </summary>
internal sealed class TableBackend(Servers servers) : IAsyncDisposable
{
    public string TablePrefix { get; } = Servers.UniqueName("t");

    /// <summary>A new client over this test's tables, as another control-plane instance would have.</summary>
    public TableStorage Connect() =>
        new(Options.Create(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, TablePrefix = TablePrefix }));

    public async ValueTask DisposeAsync()
    {
        var service = Connect().Service;
        await foreach (var table in service.QueryAsync())
        {
            if (table.Name.StartsWith(TablePrefix, StringComparison.Ordinal))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
    }
}
