using System.Net;
using Azure.Data.Tables;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Contracts;

namespace Dockward.Functions.Tests.Containers;

/// <summary>What the container API tests do: report an inventory as an agent, read the list and the detail.</summary>
internal static class ContainerCalls
{
    public static readonly DateTimeOffset Created = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static ContainerSnapshot Snapshot(string name, string state = "running", string? health = null, IReadOnlyDictionary<string, string>? labels = null, ContainerDetails? details = null) => new(
        Id: Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadLeft(64, 'c'),
        Name: name,
        Image: $"registry.example/team/{name}:1.2",
        ImageId: "sha256:" + new string('b', 64),
        RepoDigests: [$"registry.example/team/{name}@sha256:" + new string('a', 64)],
        State: state,
        Health: health,
        Labels: labels ?? new Dictionary<string, string>(),
        Created: Created,
        Platform: "linux/amd64",
        Details: details);

    public static async Task ReportAsync(ControlPlaneProcess controlPlane, EnrolResponse agent, params ContainerSnapshot[] containers)
    {
        using var request = ControlPlaneProcess.Request(
            HttpMethod.Post, $"/api/agents/{agent.AgentId}/inventory", agent.Credential,
            JsonContent.Create(new InventoryReport(containers, DateTimeOffset.UtcNow, "0.1.0-test", "27.0.0")));
        using var response = await controlPlane.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every row of one of the control plane's tables, each as the JSON of its properties: what the store really holds.</summary>
    public static async Task<List<string>> RawRowsAsync(ControlPlaneProcess controlPlane, string table)
    {
        var client = new TableClient(controlPlane.ConnectionString, controlPlane.TablePrefix + table);
        await client.CreateIfNotExistsAsync();
        var rows = new List<string>();
        await foreach (var entity in client.QueryAsync<TableEntity>())
        {
            rows.Add(JsonSerializer.Serialize(entity.ToDictionary(p => p.Key, p => p.Value?.ToString())));
        }

        return rows;
    }

    public static List<string> Names(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];
}
