namespace Dockward.Functions.Auth;

/// <summary>A script's refresh request; the dashboard sends none (its refresh token is a cookie).</summary>
internal sealed record RefreshRequest(string RefreshToken);
