namespace Dockward.Core.Security.Tokens;

/// <summary>Claim names in Dockward's access tokens and principals.</summary>
internal static class AccessTokenClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Session = "sid";

    /// <summary>How the caller signed in: <c>session</c> (login), <c>api-token</c>, or <c>agent</c>.</summary>
    public const string Method = "amr";

    /// <summary>The personal API token's id, when the caller used one.</summary>
    public const string TokenId = "tid";

    public const string Issuer = "dockward";
    public const string Audience = "dockward-api";
}
