using Dockward.Core.Audit;
using Dockward.Core.Security;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Functions.Audit;
using Dockward.Functions.Hosting;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Tests.Audit;

/// <summary>The retention timer: audit entries past <c>Security:AuditRetentionDays</c> and long-expired sessions go; the rest stays.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class PruneSecurityRecordsFunctionTests(Servers servers) : IAsyncLifetime
{
    private readonly string prefix = Servers.UniqueName("prune");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestTables.DeleteAsync(servers.Azurite.ConnectionString, prefix);

    [Fact]
    public async Task Entries_older_than_the_retention_and_sessions_expired_over_a_day_ago_are_removed_and_newer_ones_kept()
    {
        var storage = new TableStorage(Options.Create(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, TablePrefix = prefix }));
        var audit = new TableAuditLog(storage);
        var sessions = new TableSessionStore(storage);
        var now = DateTimeOffset.UtcNow;
        await audit.WriteAsync(Entry("old", now.AddDays(-31)), CancellationToken.None);
        await audit.WriteAsync(Entry("recent", now.AddDays(-29)), CancellationToken.None);
        await sessions.AddAsync(Session("long-expired", now.AddDays(-2)), CancellationToken.None);
        await sessions.AddAsync(Session("just-expired", now.AddHours(-1)), CancellationToken.None);
        var function = new PruneSecurityRecordsFunction(audit, sessions, Options.Create(new SecurityOptions { AuditRetentionDays = 30 }),
            TimeProvider.System, NullLogger<PruneSecurityRecordsFunction>.Instance);

        await function.RunAsync(new TimerInfo(now, now.AddDays(1)), CancellationToken.None);

        var left = await audit.QueryAsync(new AuditQuery(), CancellationToken.None);
        left.Select(e => e.Target).ShouldBe(["recent"]);
        (await sessions.GetAsync(Id("long-expired"), CancellationToken.None)).ShouldBeNull();
        (await sessions.GetAsync(Id("just-expired"), CancellationToken.None)).ShouldNotBeNull();
    }

    private static AuditEntry Entry(string target, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("N"), at, "system", "test.entry", target, null, AuditResult.Success, null);

    private static SessionRecord Session(string name, DateTimeOffset expiresAt) =>
        new(Id(name), "user-1", SecretTokens.Hash(name), [], "stamp", expiresAt.AddHours(-12), expiresAt, null, null, null);

    private static string Id(string name) => SecretTokens.Hash(name)[..32];
}
