using Dockward.Core.Webhooks;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Webhooks;

/// <summary>DELETE /api/webhooks/{provider}: forgets the provider's secret, which turns its webhooks off (404 from then on).</summary>
internal sealed class DeleteWebhookFunction(WebhookProviders providers, WebhookSecrets secrets) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var name = (string)context.Request.RouteValues["provider"]!;
        if (providers.Find(name) is not { } parser)
        {
            return Problems.NotFound($"No webhook provider '{name}'.");
        }

        return await secrets.DeleteAsync(parser.Provider, Caller.Of(context).Actor, cancellationToken)
            ? Results.NoContent()
            : Problems.NotFound($"No secret is set for {parser.Provider}.");
    }
}
