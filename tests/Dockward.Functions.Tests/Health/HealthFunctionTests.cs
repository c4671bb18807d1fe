using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Functions.Health;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Health;

[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class HealthFunctionTests(Servers servers)
{
    [Fact]
    public async Task Health_answers_healthy_with_the_time_and_the_version()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Http.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.EnumerateObject().Select(p => p.Name).ShouldBe(["status", "timestamp", "version"]);
        body.GetProperty("status").GetString().ShouldBe("healthy");
        body.GetProperty("timestamp").GetDateTimeOffset().ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        body.GetProperty("version").GetString().ShouldBe(HealthFunction.Version);
        HealthFunction.Version.ShouldNotBeNullOrWhiteSpace();
    }
}
