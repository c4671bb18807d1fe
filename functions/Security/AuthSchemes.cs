namespace Dockward.Functions.Security;

/// <summary>Authentication scheme and authorization policy names.</summary>
internal static class AuthSchemes
{
    /// <summary>Users: picks <see cref="Session"/> or <see cref="ApiToken"/> from the request.</summary>
    public const string User = "user";

    /// <summary>JWT access tokens from a login, in the Authorization header or the access cookie.</summary>
    public const string Session = "session";

    /// <summary>Personal API tokens (<c>Bearer dwp_…</c>).</summary>
    public const string ApiToken = "api-token";

    /// <summary>Agent credentials, checked against the route's <c>{agentId}</c>.</summary>
    public const string Agent = "agent";

    public static string PolicyFor(Access access) => access switch
    {
        Access.Agent => "access:agent",
        Access.Viewer => "access:viewer",
        Access.Operator => "access:operator",
        Access.Admin => "access:admin",
        Access.Webhook => "access:webhook",
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, "Anonymous routes have no policy."),
    };
}
