using Dockward.Core.Policies;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>POST /api/policies/validate: checks policy settings without storing them: 200 <c>{"valid":true}</c> or 422 with <c>errors</c>.</summary>
internal sealed class ValidatePolicyFunction : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (settings, problem) = await PolicyJson.ReadAsync<PolicySettings>(context.Request, "$", cancellationToken);
        if (settings is null)
        {
            return problem!;
        }

        return PolicyValidation.Validate(settings) is { Count: > 0 } errors
            ? PolicyProblems.Invalid(errors)
            : Results.Json(new { valid = true });
    }
}
