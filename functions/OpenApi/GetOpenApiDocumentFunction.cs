using System.Reflection;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.OpenApi;

/// <summary>
/// GET /api/openapi.json: the OpenAPI 3.1 document of every route, as checked in (functions/OpenApi/openapi.json,
/// embedded in this assembly). Anonymous, so a viewer or a client generator can read it before signing in.
/// </summary>
internal sealed class GetOpenApiDocumentFunction : IHttpFunction
{
    /// <summary>The embedded file's name (the csproj sets it, so moving the file does not change it).</summary>
    public const string ResourceName = "Dockward.Functions.OpenApi.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Read);

    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Results.Bytes(Document.Value, "application/json; charset=utf-8"));

    private static byte[] Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no resource {ResourceName}: the build did not embed the OpenAPI document.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
