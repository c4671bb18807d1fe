namespace Dockward.Functions.Tokens;

/// <summary>A personal API token to create: a name, a role no higher than the caller's, and optionally a lifetime.</summary>
internal sealed record NewApiToken(string Name, string Role, int? ExpiresInDays = null);
