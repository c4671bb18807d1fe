using Dockward.Contracts;

namespace Dockward.Agent.Inventory;

/// <summary>A stats read: the sample, or why there is none.</summary>
internal sealed record StatsSample(ContainerStats? Stats, string? Error);
