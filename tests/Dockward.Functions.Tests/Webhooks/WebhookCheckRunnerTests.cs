using System.Net;
using Azure.Data.Tables;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Webhooks;

[Collection(ServersCollection.Name)]
[Trait("Area", "Detection")]
public sealed class WebhookCheckRunnerTests(Servers servers)
{
    [Fact]
    public async Task A_due_hint_left_in_the_store_by_an_instance_that_stopped_is_checked_by_the_next_instances_sweep()
    {
        await using var controlPlane = await WebhookCalls.StartAsync(servers);
        var repository = $"registry.example.com/left/{Servers.UniqueName("app-")}";
        // The row an instance writes when it queues a hint (TableWebhookHintStore), written here as if that instance had died since.
        var table = new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + "webhookhints");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("hint", Uri.EscapeDataString(repository))
        {
            ["Repository"] = repository,
            ["Provider"] = "harbor",
            ["QueuedAt"] = DateTimeOffset.UtcNow.AddMinutes(-5),
            ["DueAt"] = DateTimeOffset.UtcNow.AddMinutes(-5),
        });

        var checks = await WebhookCalls.WaitForCheckAsync(controlPlane, repository);

        checks[0].GetProperty("actor").GetString().ShouldBe("webhook:harbor");
        (await WebhookCalls.HintPendingAsync(controlPlane, repository)).ShouldBeFalse();
    }

    [Fact]
    public async Task With_two_instances_sharing_the_store_each_queued_repository_is_checked_exactly_once()
    {
        await using var first = await WebhookCalls.StartAsync(servers);
        await WebhookCalls.SetSecretAsync(first, "generic");
        var environment = ControlPlaneProcess.GoodEnvironment(first.ConnectionString, first.TablePrefix);
        environment["DOCKWARD_WEBHOOKS__DEBOUNCESECONDS"] = "1";
        environment["DOCKWARD_WEBHOOKS__SWEEPSECONDS"] = "1";
        var port = FreePort.Next();
        await using var second = ControlPlaneProcess.Launch(environment, port);
        using var secondHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Wait.UntilAsync("the second instance to answer /health", TimeSpan.FromSeconds(60), async () =>
        {
            using var response = await secondHttp.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }, () => second.Output);

        var repositories = Enumerable.Range(0, 6).Select(_ => $"registry.example.com/shared/{Servers.UniqueName("app-")}").ToList();
        foreach (var repository in repositories)
        {
            using var response = await WebhookCalls.DeliverAsync(first, "generic", DocumentedPayloads.Generic($"{repository}:1"));
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }

        foreach (var repository in repositories)
        {
            await WebhookCalls.WaitForCheckAsync(first, repository);
        }

        // Past another debounce and sweep of both instances: a hint run twice would show by now.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var repository in repositories)
        {
            (await WebhookCalls.ChecksAsync(first, repository)).Count.ShouldBe(1, repository);
        }
    }
}
