using Dockward.Core.Security.Users;

namespace Dockward.Core.Security.ApiTokens;

/// <summary>A valid API token and its owner; the caller acts with <see cref="Role"/>, the lower of the token's and the owner's.</summary>
internal sealed record ApiTokenCaller(ApiTokenRecord Token, UserRecord Owner)
{
    public Role Role => (Role)Math.Min((int)Token.Role, (int)Owner.Role);
}
