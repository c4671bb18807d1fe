using Dockward.Core.Storage.Tables;
using Dockward.Core.Updates;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableUpdateJobStoreTests(Servers servers) : UpdateJobStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IUpdateJobStore CreateStore() => new TableUpdateJobStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
