using Dockward.Core.Containers.Config;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Containers;

/// <summary>How a refused configuration edit answers: 404 unknown container, 422 with every problem, 409 busy.</summary>
internal static class ConfigEditResults
{
    public static IResult Refusal(ConfigEditResult result) => result.Problem switch
    {
        ConfigEditProblem.NotFound => Problems.NotFound(result.Problems[0]),
        ConfigEditProblem.Busy => Problems.Create(StatusCodes.Status409Conflict, "Conflict", result.Problems[0]),
        ConfigEditProblem.NotManaged => Problems.Create(StatusCodes.Status409Conflict, "Not managed", result.Problems[0]),
        _ => Results.Problem(
            detail: string.Join("; ", result.Problems),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Invalid configuration edit",
            extensions: new Dictionary<string, object?> { ["errors"] = result.Problems }),
    };
}
