using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>
/// Blue-green's switch: a new container created without the old one's network aliases gets them once it passed
/// its gate, so until then a name clients use resolves to the old container alone. The engine cannot add an
/// alias to a connected endpoint, so on each network the new container is disconnected and connected again
/// with the endpoint the old one had (aliases, static or link-local addresses, links, driver options).
/// </summary>
internal sealed class AliasSwitch(IDockerClient docker)
{
    /// <summary>Gives <paramref name="containerId"/> the aliases of <paramref name="plan"/> (made with them); returns what moved, for the step's message.</summary>
    public async Task<string> MoveAsync(string containerId, RecreatePlan plan, CancellationToken cancellationToken)
    {
        var moved = new List<string>();
        foreach (var (network, endpoint) in plan.AliasedNetworks)
        {
            await docker.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = containerId }, cancellationToken);
            await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = containerId, EndpointConfig = endpoint }, cancellationToken);
            moved.Add($"{string.Join(", ", endpoint.Aliases)} on {network}");
        }

        return moved.Count == 0 ? "the old container has no network aliases" : $"moved {string.Join("; ", moved)}";
    }
}
