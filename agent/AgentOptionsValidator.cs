using Microsoft.Extensions.Options;

namespace Dockward.Agent;

/// <summary>Checks the agent's settings at start-up; every message names its key.</summary>
internal sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ControlPlaneUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Agent:ControlPlaneUrl (env DOCKWARD_AGENT__CONTROLPLANEURL) must be an absolute http(s) URL, not '{options.ControlPlaneUrl}'.");
        }

        // The token works once: after enrolling, the agent's own credential in its data directory is what counts.
        if (string.IsNullOrWhiteSpace(options.EnrolmentToken) && !string.IsNullOrWhiteSpace(options.DataDirectory)
            && !File.Exists(Path.Combine(options.DataDirectory, ControlPlane.AgentSession.IdentityFileName)))
        {
            errors.Add("Agent:EnrolmentToken (env DOCKWARD_AGENT__ENROLMENTTOKEN) is required to enrol with the control plane: an admin creates one with POST /api/agents/enrolment-tokens.");
        }
        else if (options.EnrolmentToken.Length > 200)
        {
            errors.Add("Agent:EnrolmentToken is too long to be an enrolment token (dwe_…).");
        }

        if (options.Name.Length > 253)
        {
            errors.Add("Agent:Name must be at most 253 characters (empty: the Docker host's name).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Agent:DataDirectory is required.");
        }

        if (!Uri.TryCreate(options.DockerEndpoint, UriKind.Absolute, out var docker) || docker.Scheme is not ("unix" or "tcp" or "npipe"))
        {
            errors.Add($"Agent:DockerEndpoint must be a unix://, tcp:// or npipe:// URL, not '{options.DockerEndpoint}'.");
        }

        if (options.HeartbeatSeconds is < 1 or > 3600)
        {
            errors.Add("Agent:HeartbeatSeconds must be between 1 and 3600.");
        }

        if (options.JobWaitSeconds is < 1 or > 30)
        {
            errors.Add("Agent:JobWaitSeconds must be between 1 and 30.");
        }

        for (var i = 0; i < options.Registries.Count; i++)
        {
            var login = options.Registries[i];
            if (string.IsNullOrWhiteSpace(login.Host) || login.Host.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"Agent:Registries:{i}:Host must be a registry host as image references name it (e.g. registry.example.com:5000), not '{login.Host}'.");
            }

            if (string.IsNullOrEmpty(login.Username) || string.IsNullOrEmpty(login.Password))
            {
                errors.Add($"Agent:Registries:{i} needs a Username and a Password.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
