namespace Dockward.Core.Audit;

/// <summary>How an audited action ended.</summary>
internal enum AuditResult
{
    Success,
    Failure,
    Denied,
}
