using System.Net.Http.Headers;

namespace Dockward.Agent.ControlPlane;

/// <summary>Puts the agent's credential on every call but enrolment.</summary>
internal sealed class AgentCredentialHandler(IServiceProvider services) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.EndsWith("/api/agents/enrol", StringComparison.Ordinal) == false)
        {
            // Resolved lazily: the session itself calls the API to enrol.
            var session = (AgentSession)services.GetService(typeof(AgentSession))!;
            var identity = await session.GetAsync(cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Credential);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
