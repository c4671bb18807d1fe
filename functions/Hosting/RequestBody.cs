using System.Text.Json;

namespace Dockward.Functions.Hosting;

/// <summary>Reads a JSON request body, turning every way it can be wrong into a clear 400.</summary>
internal static class RequestBody
{
    private const long MaxBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Whether the request has a body at all (a length, or a chunked one without a length).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body may be at most {MaxBytes} bytes."));
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken);
            return value is null ? (null, Problems.BadRequest("The body is empty or null.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"The body is not a valid {typeof(T).Name}: {e.Message}"));
        }
    }
}
