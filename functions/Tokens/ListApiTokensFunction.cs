using Dockward.Core.Security.ApiTokens;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;

namespace Dockward.Functions.Tokens;

/// <summary>GET /api/tokens: the caller's own API tokens (an admin adds <c>?all=true</c> for everyone's).</summary>
internal sealed class ListApiTokensFunction(IApiTokenStore tokens) : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        var all = context.Request.Query["all"].ToString();
        if (all.Length > 0 && all != "true" && all != "false")
        {
            return Problems.BadRequest("all must be true or false.");
        }

        if (all == "true" && caller.Role != Core.Security.Role.Admin)
        {
            return Problems.Forbidden("Only admins list everyone's tokens.");
        }

        var list = all == "true" ? await tokens.ListAsync(cancellationToken) : await tokens.ListByUserAsync(caller.UserId, cancellationToken);
        return Results.Json(list.OrderByDescending(t => t.CreatedAt).Select(ApiTokenView.Of));
    }
}
