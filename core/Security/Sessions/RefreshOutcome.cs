using Dockward.Core.Security.Users;

namespace Dockward.Core.Security.Sessions;

/// <summary>A refreshed session with its next refresh token, or null parts and the reason it was refused.</summary>
internal sealed record RefreshOutcome(SessionRecord? Session, UserRecord? User, string? RefreshToken, string? Refused)
{
    public static RefreshOutcome Refuse(string reason) => new(null, null, null, reason);
}
