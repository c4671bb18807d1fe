using Dockward.Core.Security.Sessions;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableSessionStoreTests(Servers servers) : SessionStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override ISessionStore CreateStore() => new TableSessionStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
