using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// Bearer tokens for the floor, one per repository, fetched before its timing. One token for every repository is
/// not an option: a token service reads the scopes from the query string, and 1,000 scopes (some 45 KB) exceed the
/// 8 KiB request line the test token server (Kestrel) accepts; such a token would also carry 1,000 grants in every
/// HEAD's Authorization header, which no client sends.
/// </summary>
internal static class TokenFetcher
{
    public static async Task<IReadOnlyDictionary<string, string>> FetchAsync(
        Uri realm, string service, (string User, string Password) credential, IEnumerable<string> repositories, int concurrency, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.User}:{credential.Password}")));
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            repositories,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (repository, ct) =>
            {
                var scope = Uri.EscapeDataString($"repository:{repository}:pull");
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{realm}?service={Uri.EscapeDataString(service)}&scope={scope}"));
                request.Headers.Authorization = basic;
                using var response = await http.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
                var token = json.RootElement.GetProperty("token").GetString()
                    ?? throw new InvalidOperationException($"{realm} sent no token for {repository}");
                lock (tokens)
                {
                    tokens[repository] = token;
                }
            });
        return tokens;
    }
}
