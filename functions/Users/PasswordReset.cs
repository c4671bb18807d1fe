namespace Dockward.Functions.Users;

internal sealed record PasswordReset(string NewPassword);
