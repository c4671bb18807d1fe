using System.Text.Json;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// What one answer of <c>GET /api/containers</c> held. The paged shape is <c>{ items, total, page, pageSize }</c>;
/// before it, the route answered every container as one array of <c>{ container, policy }</c>, and that is read too.
/// </summary>
internal sealed record ContainerList(bool Paged, int Items, int Total)
{
    public static ContainerList Read(ApiAnswer answer)
    {
        using var document = JsonDocument.Parse(answer.Body);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => new ContainerList(false, root.GetArrayLength(), root.GetArrayLength()),
            JsonValueKind.Object when root.TryGetProperty("items", out var items) && root.TryGetProperty("total", out var total) =>
                new ContainerList(true, items.GetArrayLength(), total.GetInt32()),
            _ => throw new InvalidOperationException($"{answer.Request} answered neither a page nor an array: {root.ValueKind}"),
        };
    }
}
