using Dockward.Core.Agents;
using Dockward.Core.Storage.Tables;
using Dockward.Testing;

namespace Dockward.Core.Tests.Storage;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableAgentStoreTests(Servers servers) : AgentStoreContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override IAgentStore CreateStore() => new TableAgentStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
