using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Dockward.Core.Security.Secrets;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Webhooks;

[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class WebhookSecretsTests(Servers servers)
{
    [Fact]
    public async Task Setting_a_provider_without_a_secret_generates_one_shown_once_with_what_to_configure_and_it_authenticates_deliveries()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);

        var dockerHub = await WebhookCalls.SetSecretAsync(controlPlane, "dockerhub", secret: null);
        var distribution = await WebhookCalls.SetSecretAsync(controlPlane, "gitlab", secret: null);

        var secret = dockerHub.GetProperty("secret").GetString().ShouldNotBeNull();
        secret.Length.ShouldBeGreaterThanOrEqualTo(32);
        dockerHub.GetProperty("url").GetString().ShouldBe($"{controlPlane.Http.BaseAddress!.ToString().TrimEnd('/')}/api/webhooks/dockerhub?token={secret}");
        dockerHub.GetProperty("header").ValueKind.ShouldBe(JsonValueKind.Null);
        var gitlabSecret = distribution.GetProperty("secret").GetString().ShouldNotBeNull();
        distribution.GetProperty("provider").GetString().ShouldBe("distribution");
        distribution.GetProperty("url").GetString().ShouldEndWith("/api/webhooks/gitlab");
        distribution.GetProperty("header").GetProperty("value").GetString().ShouldBe($"Bearer {gitlabSecret}");
        var (body, repository) = ReceiveWebhookFunctionTests.Push("dockerhub", Servers.UniqueName("app-"));
        using var delivered = await WebhookCalls.DeliverAsync(controlPlane, "dockerhub", body, secret);
        delivered.StatusCode.ShouldBe(HttpStatusCode.Accepted, await delivered.Content.ReadAsStringAsync());
        await WebhookCalls.WaitForCheckAsync(controlPlane, repository);
        (await SecurityCalls.AuditAsync(controlPlane, "action=webhook.secret.create&target=dockerhub")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Secrets_are_listed_never_shown_again_stored_encrypted_and_deleting_one_turns_the_provider_off()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, "harbor");

        using var list = await controlPlane.Admin.GetAsync(new Uri("/api/webhooks", UriKind.Relative));
        var listed = await list.Content.ReadAsStringAsync();
        list.StatusCode.ShouldBe(HttpStatusCode.OK, listed);
        JsonDocument.Parse(listed).RootElement.EnumerateArray().Select(p => p.GetProperty("provider").GetString()).ShouldBe(["harbor"]);
        listed.ShouldNotContain(WebhookCalls.Secret);
        listed.ShouldNotContain("dw1.");
        (await StoredCipherAsync(controlPlane, "harbor")).ShouldStartWith($"dw1.{MasterKey.FromBase64(TestSecurity.MasterKey).Id}.");

        using var deleted = await controlPlane.Admin.DeleteAsync(new Uri("/api/webhooks/harbor", UriKind.Relative));
        using var again = await controlPlane.Admin.DeleteAsync(new Uri("/api/webhooks/harbor", UriKind.Relative));
        using var delivery = await WebhookCalls.DeliverAsync(controlPlane, "harbor", ReceiveWebhookFunctionTests.Push("harbor", "app").Body);

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemJson.ReadAsync(again, HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(delivery, HttpStatusCode.NotFound);
        (await SecurityCalls.AuditAsync(controlPlane, "action=webhook.secret.delete&target=harbor")).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"secret": "too-short"}""", 422)]
    [InlineData("""{"secret": "has a space in it 0123456789"}""", 422)]
    [InlineData("""{"secret": 42}""", 400)]
    [InlineData("""{"token": "webhook-test-secret-0123456789"}""", 400)]
    public async Task A_chosen_secret_that_is_too_short_or_not_printable_or_a_malformed_body_is_refused_and_nothing_is_set(string body, int status)
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);

        using var response = await controlPlane.Admin.PutAsync(new Uri("/api/webhooks/generic", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var unknown = await controlPlane.Admin.PutAsJsonAsync(new Uri("/api/webhooks/nexus", UriKind.Relative), new { secret = WebhookCalls.Secret });
        using var list = await controlPlane.Admin.GetAsync(new Uri("/api/webhooks", UriKind.Relative));

        await ProblemJson.ReadAsync(response, (HttpStatusCode)status);
        await ProblemJson.ReadAsync(unknown, HttpStatusCode.NotFound);
        (await list.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Rotate_key_re_encrypts_webhook_secrets_under_the_new_key_and_they_still_authenticate()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(controlPlane, "acr");
        var newKey = MasterKey.FromMaterial(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.Length));
        var environment = ControlPlaneProcess.GoodEnvironment(controlPlane.ConnectionString, controlPlane.TablePrefix);
        environment["DOCKWARD_SECURITY__MASTERKEY"] = Convert.ToBase64String(newKey.Material);
        environment["DOCKWARD_SECURITY__PREVIOUSMASTERKEYS"] = TestSecurity.MasterKey;

        await using var rotate = ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "rotate-key"], environment);
        var exitCode = await rotate.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(0, rotate.Output);
        rotate.Output.ShouldContain("1 webhook secrets re-encrypted");
        rotate.Output.ShouldNotContain(WebhookCalls.Secret);
        (await StoredCipherAsync(controlPlane, "acr")).ShouldStartWith($"dw1.{newKey.Id}.");
    }

    private static async Task<string> StoredCipherAsync(ControlPlaneProcess controlPlane, string provider)
    {
        var table = new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + "webhooksecrets");
        var entity = await table.GetEntityAsync<TableEntity>("webhook", provider);
        return entity.Value.GetString("SecretCipher");
    }
}
