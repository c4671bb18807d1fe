using Dockward.Core.Agents;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/enrolment-tokens: a one-time token for one new agent (shown once, short-lived).</summary>
internal sealed class CreateEnrolmentTokenFunction(AgentEnrolment enrolment) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = new NewEnrolmentToken();
        if (context.Request.ContentLength is > 0)
        {
            var (body, problem) = await RequestBody.ReadAsync<NewEnrolmentToken>(context.Request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            request = body;
        }

        var lifetime = request.TtlMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var (record, token, refusal) = await enrolment.CreateTokenAsync(lifetime, Caller.Of(context).Actor, cancellationToken);
        return record is null
            ? Problems.From(refusal!)
            : Results.Json(new { token, id = record.Id, expiresAt = record.ExpiresAt }, statusCode: StatusCodes.Status201Created);
    }
}
