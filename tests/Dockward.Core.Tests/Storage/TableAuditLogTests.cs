using Dockward.Core.Audit;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableAuditLogTests(Servers servers) : AuditLogContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IAuditLog CreateLog() => new TableAuditLog(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
