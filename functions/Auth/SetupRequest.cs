namespace Dockward.Functions.Auth;

/// <summary>The first admin, created with the one-time setup token from the log.</summary>
internal sealed record SetupRequest(string SetupToken, string UserName, string Password);
