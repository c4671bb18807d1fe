namespace Dockward.Functions.Auth;

/// <summary>A user changing their own password.</summary>
internal sealed record PasswordChange(string CurrentPassword, string NewPassword);
