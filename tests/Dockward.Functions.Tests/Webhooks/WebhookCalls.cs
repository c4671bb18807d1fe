using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dockward.Core.Webhooks;
using Dockward.Functions.Tests.Security;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Webhooks;

/// <summary>What the webhook tests do through the public API and, to prove a negative, by reading the hint table.</summary>
internal static class WebhookCalls
{
    /// <summary>The secret the tests set for every provider (an admin may choose one of 16+ characters).</summary>
    public const string Secret = "webhook-test-secret-0123456789";

    /// <summary>A control plane whose webhook checks run 1 s after the first delivery, with sweeps every second.</summary>
    public static Task<ControlPlaneProcess> StartAsync(Servers servers) =>
        ControlPlaneProcess.StartAsync(servers, environment =>
        {
            environment["DOCKWARD_WEBHOOKS__DEBOUNCESECONDS"] = "1";
            environment["DOCKWARD_WEBHOOKS__SWEEPSECONDS"] = "1";
        });

    public static async Task<JsonElement> SetSecretAsync(ControlPlaneProcess controlPlane, string provider, string? secret = Secret)
    {
        using var response = secret is null
            ? await controlPlane.Admin.PutAsync(new Uri($"/api/webhooks/{provider}", UriKind.Relative), content: null)
            : await controlPlane.Admin.PutAsJsonAsync(new Uri($"/api/webhooks/{provider}", UriKind.Relative), new { secret });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts <paramref name="body"/> as <paramref name="provider"/> sends it, authenticated with <paramref name="secret"/> its way (none when null).</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(ControlPlaneProcess controlPlane, string provider, string body, string? secret = Secret, string gitHubEvent = "package")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var path = $"/api/webhooks/{provider}";
        if (secret is not null && provider is "dockerhub" or "quay")
        {
            path += "?token=" + Uri.EscapeDataString(secret);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(provider is "distribution" or "gitlab" ? "application/vnd.docker.distribution.events.v1+json" : "application/json");
        switch (provider)
        {
            case "github":
                request.Headers.Add("X-GitHub-Event", gitHubEvent);
                if (secret is not null)
                {
                    request.Headers.Add(WebhookAuthenticator.HubSignatureHeader, WebhookAuthenticator.Sign(secret, bytes));
                }

                break;
            case "generic" when secret is not null:
                request.Headers.Add(WebhookAuthenticator.DockwardSignatureHeader, WebhookAuthenticator.Sign(secret, bytes));
                break;
            case "harbor" when secret is not null:
                // Harbor sends its "Auth Header" setting verbatim; here the bare secret.
                request.Headers.TryAddWithoutValidation("Authorization", secret);
                break;
            case "acr" or "distribution" or "gitlab" when secret is not null:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                break;
        }

        return await controlPlane.Http.SendAsync(request);
    }

    /// <summary>The <c>webhook.check</c> audit entries of one repository: one per check a webhook caused.</summary>
    public static Task<List<JsonElement>> ChecksAsync(ControlPlaneProcess controlPlane, string repository) =>
        SecurityCalls.AuditAsync(controlPlane, $"action=webhook.check&target={Uri.EscapeDataString(repository)}");

    /// <summary>Waits until a webhook check of <paramref name="repository"/> is on record and returns the entries.</summary>
    public static Task<List<JsonElement>> WaitForCheckAsync(ControlPlaneProcess controlPlane, string repository) =>
        Wait.ForAsync($"a webhook check of {repository}", TimeSpan.FromSeconds(30), async () =>
        {
            var checks = await ChecksAsync(controlPlane, repository);
            return checks.Count > 0 ? checks : null;
        }, () => controlPlane.Output);

    /// <summary>Whether a hint for <paramref name="repository"/> (any repository when null) is pending in the store right now.</summary>
    public static async Task<bool> HintPendingAsync(ControlPlaneProcess controlPlane, string? repository)
    {
        var table = new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + "webhookhints");
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(repository is null ? null : TableClient.CreateQueryFilter($"Repository eq {repository}")))
            {
                return true;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No table: nothing was ever queued.
        }

        return false;
    }

    /// <summary>Proves nothing was queued for <paramref name="repository"/>: no hint now, and no check once a check would have run.</summary>
    public static async Task ShouldHaveQueuedNothingAsync(ControlPlaneProcess controlPlane, string repository)
    {
        (await HintPendingAsync(controlPlane, repository)).ShouldBeFalse();
        // Debounce (1 s) plus a sweep (1 s) with room: a queued hint would have been checked by now.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await ChecksAsync(controlPlane, repository)).ShouldBeEmpty();
    }
}
