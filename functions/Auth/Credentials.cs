namespace Dockward.Functions.Auth;

/// <summary>A user name and password, as a login or token request sends them.</summary>
internal sealed record Credentials(string UserName, string Password);
