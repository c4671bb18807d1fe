using Dockward.Core.Security;

namespace Dockward.Functions.Hosting;

/// <summary>RFC 9457 problem+json responses.</summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail, string? invocationId = null) =>
        Results.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: invocationId is null ? null : new Dictionary<string, object?> { ["invocationId"] = invocationId });

    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Unauthorized(string detail) => Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static IResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "Forbidden", detail);

    /// <summary>A refused security operation.</summary>
    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid => Create(StatusCodes.Status422UnprocessableEntity, "Not acceptable", refusal.Message),
        RefusalKind.NotFound => NotFound(refusal.Message),
        RefusalKind.Conflict => Create(StatusCodes.Status409Conflict, "Conflict", refusal.Message),
        RefusalKind.Forbidden => Forbidden(refusal.Message),
        RefusalKind.Unauthorized => Unauthorized(refusal.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, null),
    };
}
