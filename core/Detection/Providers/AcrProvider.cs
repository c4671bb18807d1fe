using Dockward.Core.Detection.Auth;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Azure Container Registry (<c>&lt;name&gt;.azurecr.io</c>, <c>&lt;name&gt;.azurecr.cn</c>). Challenges with
/// <c>Bearer realm="https://&lt;name&gt;.azurecr.io/oauth2/token",service="&lt;name&gt;.azurecr.io"</c> on its own host.
/// The admin user, a service principal (appId and password) or a repository-scoped token answer the challenge
/// with Basic credentials on <c>GET /oauth2/token</c> (Azure/acr docs/Token-BasicAuth.md). The user
/// <see cref="RefreshTokenUser"/> carries an ACR refresh token instead (what <c>az acr login --expose-token</c>
/// prints), which is traded for an access token with a form POST (Azure/acr docs/AAD-OAuth.md).
/// </summary>
internal sealed class AcrProvider : IRegistryProvider
{
    /// <summary>The user name that marks the password as an ACR refresh token.</summary>
    public const string RefreshTokenUser = "00000000-0000-0000-0000-000000000000";

    public string Name => "acr";

    public bool Recognizes(string host) =>
        (host.EndsWith(".azurecr.io", StringComparison.Ordinal) || host.EndsWith(".azurecr.cn", StringComparison.Ordinal)) && host.Count(c => c == '.') == 2;

    /// <summary>
    /// <c>POST /oauth2/token</c> with <c>grant_type=refresh_token&amp;service&amp;scope&amp;refresh_token</c>, answered
    /// with <c>{"access_token": …}</c>; null (the Basic GET) for every other user.
    /// </summary>
    public HttpRequestMessage? TokenRequest(Uri realm, AuthChallenge challenge, string scope, RegistryCredential credential)
    {
        if (!string.Equals(credential.Username, RefreshTokenUser, StringComparison.Ordinal))
        {
            return null;
        }

        return new HttpRequestMessage(HttpMethod.Post, new UriBuilder(realm) { Query = "" }.Uri)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "refresh_token"),
                new("service", challenge.Service ?? realm.Host),
                new("scope", scope),
                new("refresh_token", credential.Password ?? ""),
            ]),
        };
    }
}
