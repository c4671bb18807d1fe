using Refit;

namespace Dockward.Core.Detection.Registry;

/// <summary>
/// Refit clients of <see cref="IRegistryApi"/>, one per registry address, all over the one named HttpClient whose
/// handler pipeline <see cref="CoreServiceCollectionExtensions.AddDetection"/> sets up (concurrency limit, retry, auth).
/// </summary>
internal sealed class RegistryApis(IHttpClientFactory clients)
{
    /// <summary>The named HttpClient carrying the registry handler pipeline.</summary>
    public const string HttpClientName = "Dockward.Registry";

    /// <summary>A client for the registry at <paramref name="baseAddress"/> (<c>scheme://host[:port]/</c>). Cheap: the handlers are pooled by the factory.</summary>
    public IRegistryApi For(Uri baseAddress)
    {
        var http = clients.CreateClient(HttpClientName);
        http.BaseAddress = baseAddress;
        // Timeouts are per call (DetectionOptions.RequestTimeoutSeconds), so the client's own is off.
        http.Timeout = Timeout.InfiniteTimeSpan;
        return RestService.ForGenerated<IRegistryApi>(http);
    }
}
