using Dockward.Core.Registries;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableRegistryStoreTests(Servers servers) : RegistryStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IRegistryStore CreateStore() => new TableRegistryStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
