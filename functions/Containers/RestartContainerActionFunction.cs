using Dockward.Contracts;
using Dockward.Core.Commands;

namespace Dockward.Functions.Containers;

/// <summary>POST /api/containers/{agentId}/{name}/restart.</summary>
internal sealed class RestartContainerActionFunction(ContainerActions actions) : ContainerActionFunction(actions, CommandKinds.Restart);
