using Dockward.Core.Security.Users;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableUserStoreTests(Servers servers) : UserStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IUserStore CreateStore() => new TableUserStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
