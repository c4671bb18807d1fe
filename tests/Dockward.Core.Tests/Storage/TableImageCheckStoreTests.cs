using Dockward.Core.Detection;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableImageCheckStoreTests(Servers servers) : ImageCheckStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IImageCheckStore CreateStore() => new TableImageCheckStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
