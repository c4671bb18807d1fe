using Dockward.Core.Webhooks;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Webhooks;

/// <summary>
/// PUT /api/webhooks/{provider} (body optional: <c>{"secret": "…"}</c>): sets the provider's shared secret, generating
/// one when none is given, and answers, once, with the secret and what to configure on the provider's side.
/// </summary>
internal sealed class SetWebhookFunction(WebhookProviders providers, WebhookSecrets secrets) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var name = (string)context.Request.RouteValues["provider"]!;
        if (providers.Find(name) is not { } parser)
        {
            return Problems.NotFound($"No webhook provider '{name}'; known: {string.Join(", ", providers.Names)}.");
        }

        string? chosen = null;
        if (RequestBody.IsPresent(context.Request))
        {
            var (body, problem) = await RequestBody.ReadAsync<WebhookSecretRequest>(context.Request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            chosen = body.Secret;
        }

        var (secret, refusal) = await secrets.SetAsync(parser.Provider, chosen, Caller.Of(context).Actor, cancellationToken);
        if (secret is null)
        {
            return Problems.From(refusal!);
        }

        // The secret is in the answer: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(WebhookSetup.For(parser, secret, $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/api/webhooks/{name.ToLowerInvariant()}"));
    }
}
