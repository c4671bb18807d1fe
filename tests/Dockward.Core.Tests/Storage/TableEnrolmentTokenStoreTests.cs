using Dockward.Core.Agents;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableEnrolmentTokenStoreTests(Servers servers) : EnrolmentTokenStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IEnrolmentTokenStore CreateStore() => new TableEnrolmentTokenStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
