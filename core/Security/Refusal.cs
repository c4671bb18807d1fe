namespace Dockward.Core.Security;

/// <summary>Why a security operation was not done; the function host maps it to problem+json.</summary>
internal sealed record Refusal(RefusalKind Kind, string Message)
{
    public static Refusal Invalid(string message) => new(RefusalKind.Invalid, message);

    public static Refusal NotFound(string message) => new(RefusalKind.NotFound, message);

    public static Refusal Conflict(string message) => new(RefusalKind.Conflict, message);

    public static Refusal Forbidden(string message) => new(RefusalKind.Forbidden, message);

    public static Refusal Unauthorized(string message) => new(RefusalKind.Unauthorized, message);
}
