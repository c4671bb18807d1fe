namespace Dockward.Core.Detection.Auth;

/// <summary>Tokens are valid for one registry, one service and one scope (Docker token spec).</summary>
internal sealed record TokenCacheKey(string Registry, string Service, string Scope)
{
    public static TokenCacheKey For(string registry, string? service, string scope) =>
        new(registry.ToLowerInvariant(), service ?? "", scope);
}
