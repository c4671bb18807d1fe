using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>The 422 a policy that breaks its limits gets: <c>errors</c> maps each setting to what is wrong with it.</summary>
internal static class PolicyProblems
{
    public static IResult Invalid(IReadOnlyList<PolicyError> errors) =>
        Results.Problem(
            detail: string.Join("; ", errors.Select(e => e.Message)),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Invalid policy",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Setting, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
            });
}
