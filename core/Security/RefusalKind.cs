namespace Dockward.Core.Security;

/// <summary>The kind of a <see cref="Refusal"/>: 422, 404, 409, 403, 401.</summary>
internal enum RefusalKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,
}
