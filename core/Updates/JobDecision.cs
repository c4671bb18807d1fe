namespace Dockward.Core.Updates;

/// <summary>What came of a person's decision on a job: the changed job, or why it could not be changed.</summary>
/// <param name="Problem">Null when done; else why not (the job is not in a state the decision applies to).</param>
internal sealed record JobDecision(UpdateJob? Job, string? Problem)
{
    public bool NotFound => Job is null;

    public bool Done => Job is not null && Problem is null;
}
