namespace Dockward.Functions.Security;

/// <summary>Who may call an HTTP function. Every route declares one; there is no default.</summary>
internal enum Access
{
    /// <summary>Anyone: health probes, login, first-run setup, agent enrolment (which checks its own token).</summary>
    Anonymous,

    /// <summary>An enrolled, unrevoked agent, and only for its own <c>{agentId}</c>.</summary>
    Agent,

    /// <summary>Any signed-in user or API token (viewer, operator, admin).</summary>
    Viewer,

    /// <summary>Operators and admins: containers, updates, policies.</summary>
    Operator,

    /// <summary>Admins only: users, agents, registries, settings, audit log.</summary>
    Admin,

    /// <summary>
    /// Registry webhooks: anonymous at the authentication layer (a registry has no user or cookie); the function
    /// authenticates the delivery with the provider's shared secret or signature.
    /// </summary>
    Webhook,
}
