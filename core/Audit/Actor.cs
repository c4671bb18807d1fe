namespace Dockward.Core.Audit;

/// <summary>Who did something, as written in the audit log, and the address the request came from.</summary>
/// <param name="Name"><c>user:{name}</c>, <c>token:{id}:{name}</c>, <c>agent:{id}</c>, <c>system</c> or <c>anonymous</c>.</param>
internal sealed record Actor(string Name, string? Address)
{
    public static readonly Actor System = new("system", null);

    public static Actor Anonymous(string? address) => new("anonymous", address);

    public static Actor User(string userName, string? address) => new($"user:{userName}", address);

    public static Actor Token(string tokenId, string userName, string? address) => new($"token:{tokenId}:{userName}", address);

    public static Actor Agent(string agentId, string? address) => new($"agent:{agentId}", address);

    public override string ToString() => Name;
}
