using Dockward.Core.Webhooks;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Webhooks;

/// <summary>GET /api/webhooks: providers with a secret set (webhooks on); never a secret, in clear or encrypted.</summary>
internal sealed class ListWebhooksFunction(WebhookSecrets secrets) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Results.Json((await secrets.ListAsync(cancellationToken)).OrderBy(s => s.Provider, StringComparer.Ordinal)
            .Select(s => new { s.Provider, hasSecret = true, s.UpdatedAt, s.UpdatedBy }));
}
