namespace Dockward.Core.Updates;

/// <summary>What came of asking for an update of one container.</summary>
internal sealed record UpdateRequest(UpdateRequestStatus Status, UpdateJob? Job, string Detail);
