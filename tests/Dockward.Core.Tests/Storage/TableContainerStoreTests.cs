using Dockward.Core.Containers;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableContainerStoreTests(Servers servers) : ContainerStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IContainerStore CreateStore() => new TableContainerStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
