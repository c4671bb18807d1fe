namespace Dockward.Core.Audit;

/// <summary>One audited action: who did what to which target, when, from where, and how it ended.</summary>
/// <param name="Actor">
/// Who: <c>user:{name}</c>, <c>token:{id}:{name}</c>, <c>agent:{id}</c>, <c>system</c>, or <c>anonymous</c>
/// (a failed login names the user name that was tried in <paramref name="Target"/>).
/// </param>
/// <param name="Action">Dotted verb, e.g. <c>auth.login</c>, <c>user.create</c>, <c>container.update</c>.</param>
/// <param name="Detail">Free text; never a secret.</param>
internal sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Target,
    string? Address,
    AuditResult Result,
    string? Detail);
