using Dockward.Contracts;
using Dockward.Core.Commands;

namespace Dockward.Functions.Containers;

/// <summary>POST /api/containers/{agentId}/{name}/start.</summary>
internal sealed class StartContainerActionFunction(ContainerActions actions) : ContainerActionFunction(actions, CommandKinds.Start);
