namespace Dockward.Functions.Users;

/// <summary>What an admin changes on a user; a field left out stays. <paramref name="Version"/> (from a read) guards against lost updates.</summary>
internal sealed record UserChange(string? Role = null, bool? Disabled = null, string? Version = null);
