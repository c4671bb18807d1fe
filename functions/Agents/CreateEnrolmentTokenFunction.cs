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
        if (RequestBody.IsPresent(context.Request))
        {
            var (body, problem) = await RequestBody.ReadAsync<NewEnrolmentToken>(context.Request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            request = body;
        }

        if (request.TtlMinutes is < 1 or > 1440)
        {
            return Problems.BadRequest("ttlMinutes must be from 1 to 1440.");
        }

        var lifetime = request.TtlMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var (record, token, refusal) = await enrolment.CreateTokenAsync(lifetime, request.AgentId, Caller.Of(context).Actor, cancellationToken);
        return record is null
            ? Problems.From(refusal!)
            : Results.Json(new { token, id = record.Id, expiresAt = record.ExpiresAt, agentId = record.ForAgentId }, statusCode: StatusCodes.Status201Created);
    }
}
