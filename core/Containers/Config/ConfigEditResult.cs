using Dockward.Core.Updates;

namespace Dockward.Core.Containers.Config;

/// <summary>The outcome of previewing or asking for a configuration edit: the preview (and, when asked for, the job), or why not.</summary>
/// <param name="Job">The job that carries the edit out; null for a preview, or when refused.</param>
/// <param name="Problems">Every problem of an invalid edit; the reason for another refusal.</param>
internal sealed record ConfigEditResult(ConfigPreview? Preview, UpdateJob? Job, ConfigEditProblem? Problem, IReadOnlyList<string> Problems)
{
    public static ConfigEditResult Refused(ConfigEditProblem problem, params IReadOnlyList<string> problems) => new(null, null, problem, problems);
}
