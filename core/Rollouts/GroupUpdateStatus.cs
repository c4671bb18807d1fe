namespace Dockward.Core.Rollouts;

/// <summary>What came of "update a group now".</summary>
internal enum GroupUpdateStatus
{
    /// <summary>A rollout was started with the containers that have an update.</summary>
    Started,

    /// <summary>The group has no managed container.</summary>
    NoContainers,

    /// <summary>The group already has a running rollout.</summary>
    AlreadyRunning,

    /// <summary>No container of the group has an update.</summary>
    NothingToUpdate,
}
