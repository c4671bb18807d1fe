using Dockward.Core.Webhooks;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Webhooks;

/// <summary>
/// POST /api/webhooks/{provider}: a registry says a repository was pushed to. Authenticated by the provider's secret
/// (not a user); answers 202 with the checks it queued, or why it ignored the delivery. Every refusal changes nothing.
/// </summary>
internal sealed class ReceiveWebhookFunction(WebhookIntake intake) : IHttpFunction
{
    /// <summary>The largest body accepted: real payloads are a few KiB (a distribution envelope holds a few events).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var provider = (string)context.Request.RouteValues["provider"]!;
        if (!intake.IsKnown(provider))
        {
            return Problems.NotFound($"No webhook provider '{provider}'.");
        }

        var body = await ReadBoundedAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"A webhook body may be at most {MaxBodyBytes} bytes.");
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var token = context.Request.Query["token"].ToString();
        var receipt = await intake.ReceiveAsync(new WebhookRequest(provider, body, headers, token.Length > 0 ? token : null), cancellationToken);
        return receipt.Status switch
        {
            WebhookReceiptStatus.Queued => Results.Json(new { status = "queued", receipt.Message, receipt.Repositories }, statusCode: StatusCodes.Status202Accepted),
            WebhookReceiptStatus.Ignored => Results.Json(new { status = "ignored", receipt.Message, receipt.Repositories }, statusCode: StatusCodes.Status202Accepted),
            WebhookReceiptStatus.UnknownProvider or WebhookReceiptStatus.Disabled => Problems.NotFound(receipt.Message),
            WebhookReceiptStatus.Unauthorized => Problems.Unauthorized(receipt.Message),
            WebhookReceiptStatus.Invalid => Problems.BadRequest(receipt.Message),
            _ => throw new InvalidOperationException($"Unexpected webhook receipt {receipt.Status}."),
        };
    }

    /// <summary>The whole body, or null once it passes <see cref="MaxBodyBytes"/> (chunked bodies have no length to check first).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
