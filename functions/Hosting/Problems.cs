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
}
