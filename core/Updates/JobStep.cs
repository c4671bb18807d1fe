using Dockward.Contracts;

namespace Dockward.Core.Updates;

/// <summary>One reported step of an update job.</summary>
internal sealed record JobStep(string Name, StepStatus Status, string? Message, DateTimeOffset At);
