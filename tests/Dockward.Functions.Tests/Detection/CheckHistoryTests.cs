using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Core.Detection;
using Dockward.Core.Storage;
using Dockward.Core.Storage.Tables;
using Dockward.Functions.Detection;
using Dockward.Functions.Hosting;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Tests.Detection;

/// <summary>GET /api/checks/history and the retention timer behind it, over the real store.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class CheckHistoryTests(Servers servers) : IAsyncLifetime
{
    private static readonly string Old = "sha256:" + new string('a', 64);
    private static readonly string New = "sha256:" + new string('b', 64);
    private readonly string prefix = Servers.UniqueName("history");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestTables.DeleteAsync(servers.Azurite.ConnectionString, prefix);

    [Fact]
    public async Task The_history_of_an_image_reads_newest_first_under_any_spelling_of_its_reference()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var store = new TableImageCheckStore(Storage(controlPlane.TablePrefix));
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        await store.SaveAsync(new ImageCheckRecord("docker.io/library/nginx:1.27", Old, CheckStatus.UpToDate, null, at) { Trigger = "timer", Requests = 1 }, CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord("docker.io/library/nginx:1.27", New, CheckStatus.UpdateAvailable, null, at.AddMinutes(5))
        {
            Trigger = "webhook",
            RunningDigests = [Old],
            Requests = 1,
            Sources = ["HEAD https://registry-1.docker.io/v2/library/nginx/manifests/1.27"],
        }, CancellationToken.None);

        var history = await controlPlane.Admin.GetFromJsonAsync<JsonElement>("/api/checks/history?image=nginx:1.27");

        history.GetArrayLength().ShouldBe(2);
        var latest = history[0];
        latest.GetProperty("status").GetString().ShouldBe("update_available");
        latest.GetProperty("remoteDigest").GetString().ShouldBe(New);
        latest.GetProperty("runningDigests")[0].GetString().ShouldBe(Old);
        latest.GetProperty("trigger").GetString().ShouldBe("webhook");
        latest.GetProperty("sources")[0].GetString().ShouldBe("HEAD https://registry-1.docker.io/v2/library/nginx/manifests/1.27");
        history[1].GetProperty("status").GetString().ShouldBe("up_to_date");
        (await controlPlane.Admin.GetFromJsonAsync<JsonElement>("/api/checks/history?image=docker.io/library/nginx:1.27&limit=1")).GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("", "image: ")]
    [InlineData("?image=NOT%20A%20REF", "image: ")]
    [InlineData("?image=nginx&limit=0", "limit: ")]
    [InlineData("?image=nginx&limit=1001", "limit: ")]
    [InlineData("?image=nginx&limit=ten", "limit: ")]
    public async Task A_bad_image_or_limit_is_rejected_with_400_naming_it(string query, string named)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Admin.GetAsync(new Uri("/api/checks/history" + query, UriKind.Relative));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith(named);
    }

    [Fact]
    public async Task The_retention_timer_drops_history_past_the_retention_and_keeps_the_latest_result()
    {
        var store = new TableImageCheckStore(Storage(prefix));
        var now = DateTimeOffset.UtcNow;
        const string image = "ghcr.io/team/app:2";
        await store.SaveAsync(new ImageCheckRecord(image, Old, CheckStatus.UpToDate, null, now.AddDays(-31)), CancellationToken.None);
        await store.SaveAsync(new ImageCheckRecord(image, New, CheckStatus.UpToDate, null, now.AddDays(-29)), CancellationToken.None);
        var function = new PruneCheckHistoryFunction(
            store, Options.Create(new DetectionOptions { HistoryRetentionDays = 30 }), TimeProvider.System, NullLogger<PruneCheckHistoryFunction>.Instance);

        await function.RunAsync(new TimerInfo(now, now.AddDays(1)), CancellationToken.None);

        (await store.ListHistoryAsync(image, 10, CancellationToken.None)).Single().RemoteDigest.ShouldBe(New);
        (await store.GetAsync(image, CancellationToken.None))!.RemoteDigest.ShouldBe(New);
    }

    private TableStorage Storage(string tablePrefix) =>
        new(Options.Create(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, TablePrefix = tablePrefix }));
}
