using Dockward.Contracts;
using Dockward.Core.Agents;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Agents;

/// <summary>POST /api/agents/enrol: an agent trades the enrolment token for its own id and credential.</summary>
internal sealed class EnrolAgentFunction(AgentEnrolment enrolment, ILogger<EnrolAgentFunction> logger) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<EnrolRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 253 || request.AgentVersion.Length > 64 || request.DockerVersion.Length > 64)
        {
            return Problems.BadRequest("name must be 1 to 253 characters, agentVersion and dockerVersion at most 64.");
        }

        var (response, refusal) = await enrolment.EnrolAsync(request, Caller.AddressOf(context), cancellationToken);
        if (response is null)
        {
            logger.LogWarning("Refused enrolment of {AgentName} from {Address}: {Reason}", request.Name, context.Connection.RemoteIpAddress, refusal!.Message);
            return Problems.From(refusal);
        }

        logger.LogInformation("Enrolled agent {AgentName} as {AgentId}", request.Name, response.AgentId);
        return Results.Json(response);
    }
}
