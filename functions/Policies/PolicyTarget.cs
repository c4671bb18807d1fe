using Dockward.Core.Containers;
using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>The scope a policy route is about, as stored (<see cref="Scope"/>, <see cref="Key"/>) and as the audit log names it.</summary>
internal sealed record PolicyTarget(PolicyScope Scope, string Key, string Name)
{
    public static PolicyTarget Global { get; } = new(PolicyScope.Global, "", "global");

    public static PolicyTarget GroupOf(HttpContext context)
    {
        var group = (string)context.Request.RouteValues["group"]!;
        return new(PolicyScope.Group, group, $"group {group}");
    }

    /// <summary>The container of the route, or a 404 when the inventory has no such container.</summary>
    public static async Task<(PolicyTarget? Target, IResult? Problem)> ContainerOfAsync(
        HttpContext context, IContainerStore containers, CancellationToken cancellationToken)
    {
        var agentId = (string)context.Request.RouteValues["agentId"]!;
        var name = (string)context.Request.RouteValues["name"]!;
        return await containers.GetAsync(agentId, name, cancellationToken) is null
            ? (null, Problems.NotFound($"No container '{name}' on agent '{agentId}'."))
            : (new(PolicyScope.Container, PolicyRecord.ContainerKey(agentId, name), $"container {agentId}/{name}"), null);
    }
}
