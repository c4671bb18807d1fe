using Dockward.Contracts;
using Dockward.Core.Commands;

namespace Dockward.Functions.Containers;

/// <summary>POST /api/containers/{agentId}/{name}/stop.</summary>
internal sealed class StopContainerActionFunction(ContainerActions actions) : ContainerActionFunction(actions, CommandKinds.Stop);
