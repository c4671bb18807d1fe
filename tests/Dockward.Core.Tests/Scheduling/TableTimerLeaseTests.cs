using Dockward.Core.Scheduling;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;

namespace Dockward.Core.Tests.Scheduling;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class TableTimerLeaseTests(Servers servers) : TimerLeaseContract, IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    private protected override ITimerLeaseStore CreateStore() => new TableTimerLeaseStore(backend.Connect());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
