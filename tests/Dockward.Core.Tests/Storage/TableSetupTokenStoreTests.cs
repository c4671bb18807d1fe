using Dockward.Core.Security.Setup;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableSetupTokenStoreTests(Servers servers) : SetupTokenStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override ISetupTokenStore CreateStore() => new TableSetupTokenStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
