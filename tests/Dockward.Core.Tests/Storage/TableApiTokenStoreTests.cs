using Dockward.Core.Security.ApiTokens;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableApiTokenStoreTests(Servers servers) : ApiTokenStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IApiTokenStore CreateStore() => new TableApiTokenStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
