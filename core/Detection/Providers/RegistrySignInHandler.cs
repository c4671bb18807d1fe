using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dockward.Core.Detection.Auth;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Hands the request's credential to its provider (<see cref="IRegistryProvider.SignInAsync"/>) and sends what comes
/// back: the same credential for most registries, a fresh ECR password made from AWS keys for ECR. When that fails
/// (AWS refused the keys), no request goes to the registry: the answer is a 401 whose
/// <see cref="RegistryAuthHandler.AuthFailure"/> says why.
/// </summary>
internal sealed class RegistrySignInHandler(RegistryProviders providers) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A registry request needs an address.");
        if (!request.Options.TryGetValue(RegistryAuthHandler.Credential, out var credential) || string.IsNullOrEmpty(credential?.Username))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var signIn = await providers.For(uri, credential).SignInAsync(credential, cancellationToken);
        if (!signIn.Succeeded)
        {
            request.Options.Set(RegistryAuthHandler.AuthFailure, signIn.Error!);
            return new HttpResponseMessage(HttpStatusCode.Unauthorized) { RequestMessage = request };
        }

        var sent = signIn.Credential!;
        if (!ReferenceEquals(sent, credential))
        {
            request.Options.Set(RegistryAuthHandler.Credential, sent);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sent.Username}:{sent.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
