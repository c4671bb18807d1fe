namespace Dockward.Core.Audit;

/// <summary>A filter over the audit log; every part optional; newest first, at most <paramref name="Limit"/> entries.</summary>
/// <param name="Action">Matches the action exactly, or every action under it when it ends with <c>.*</c> (e.g. <c>auth.*</c>).</param>
/// <param name="From">Inclusive.</param>
/// <param name="To">Exclusive.</param>
/// <param name="Result">Only entries that ended this way.</param>
internal sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? Target = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Limit = 100,
    AuditResult? Result = null);
