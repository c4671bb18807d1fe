using System.Security.Claims;
using System.Text.Encodings.Web;
using Dockward.Core.Agents;
using Dockward.Core.Security;
using Dockward.Core.Security.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Security;

/// <summary>
/// Signs in an agent: its bearer credential must belong to the agent named in the route, so an agent reaches
/// only its own inventory and jobs. A revoked agent is refused.
/// </summary>
internal sealed class AgentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AgentEnrolment enrolment) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string AgentItem = "dockward.agent";

    /// <summary>The agent that made this request; only on routes whose access is <see cref="Access.Agent"/>.</summary>
    public static AgentRecord Current(HttpContext context) =>
        context.Items[AgentItem] as AgentRecord ?? throw new InvalidOperationException("This route is not declared Access.Agent.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var agentId = Request.RouteValues["agentId"] as string;
        if (!SecretTokens.IsId(agentId) || BearerToken.From(Request) is not { } credential)
        {
            return AuthenticateResult.NoResult();
        }

        if (await enrolment.AuthenticateAsync(agentId!, credential, Context.RequestAborted) is not { } agent)
        {
            return AuthenticateResult.Fail("Unknown or revoked agent, or wrong credential.");
        }

        Context.Items[AgentItem] = agent;
        var identity = new ClaimsIdentity(
        [
            new Claim(AccessTokenClaims.Subject, agent.Id),
            new Claim(AccessTokenClaims.Name, agent.Name),
            new Claim(AccessTokenClaims.Method, "agent"),
        ], Scheme.Name, AccessTokenClaims.Name, AccessTokenClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
