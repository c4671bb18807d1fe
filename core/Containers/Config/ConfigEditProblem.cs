namespace Dockward.Core.Containers.Config;

/// <summary>Why a configuration edit was not previewed or queued.</summary>
internal enum ConfigEditProblem
{
    /// <summary>No such container on that agent.</summary>
    NotFound,

    /// <summary>The edit itself is wrong; <see cref="ConfigEditResult.Problems"/> lists every problem.</summary>
    Invalid,

    /// <summary>The container has a job that has not ended: one change at a time.</summary>
    Busy,

    /// <summary>The container is unregistered from management: Dockward does not touch it.</summary>
    NotManaged,
}
