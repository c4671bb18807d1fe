using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Health;

[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class ReadyFunctionTests(Servers servers)
{
    [Fact]
    public async Task Ready_answers_200_with_storage_ok_when_the_store_answers()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Http.GetAsync(new Uri("/ready", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetRawText().ShouldBe("""{"ready":true,"checks":{"storage":"ok"}}""");
    }

    [Fact]
    public async Task Ready_answers_503_describing_the_storage_failure_while_health_stays_200_when_the_store_is_down()
    {
        var closed = FreePort.Next();
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, environment =>
        {
            environment["DOCKWARD_STORAGE__CONNECTIONSTRING"] =
                servers.Azurite.ConnectionString.Replace($":{servers.Azurite.Port}/", $":{closed}/", StringComparison.Ordinal);
            // No first admin to sign in as while the store is down.
            environment.Remove("DOCKWARD_SECURITY__ADMINPASSWORD");
        });

        using var ready = await controlPlane.Http.GetAsync(new Uri("/ready", UriKind.Relative));
        using var health = await controlPlane.Http.GetAsync(new Uri("/health", UriKind.Relative));

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("ready").GetBoolean().ShouldBeFalse();
        var storage = body.GetProperty("checks").GetProperty("storage").GetString().ShouldNotBeNull();
        storage.ShouldNotBe("ok");
        storage.ShouldContain("table storage");
        storage.ShouldNotContain("\n");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
