namespace Dockward.Functions.Users;

internal sealed record NewUser(string UserName, string Password, string Role);
