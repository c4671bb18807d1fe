namespace Dockward.Functions.Hosting;

/// <summary>A function triggered by an HTTP route. One class, one route; its result is the response.</summary>
internal interface IHttpFunction
{
    Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken);
}
