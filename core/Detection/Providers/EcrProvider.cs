using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dockward.Core.Detection.Auth;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// AWS Elastic Container Registry (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com</c>, <c>.amazonaws.com.cn</c>).
/// The configured user is an AWS access key id and the password its secret access key, optionally followed by
/// <c>:&lt;session token&gt;</c> for temporary credentials (neither a secret key nor a session token contains ':').
/// They buy a registry password from <c>ecr:GetAuthorizationToken</c> (a SigV4-signed JSON call; see the ECR API
/// reference, API_GetAuthorizationToken): <c>authorizationData[0].authorizationToken</c> is base64 of
/// <c>AWS:&lt;password&gt;</c>, valid 12 hours, sent to the registry as Basic credentials. It is cached until
/// <see cref="RefreshMargin"/> before <c>expiresAt</c>.
/// </summary>
internal sealed partial class EcrProvider(
    IHttpClientFactory http, RegistryTokenCache cache, IOptions<EcrOptions> options, RegistryRequestCounter counter, TimeProvider time) : IRegistryProvider
{
    public const string HttpClientName = "Dockward.Ecr";

    public const string Target = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";

    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>An authorization answer is well under a KiB per registry; anything past this is not one.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>How long before its end a registry password is replaced.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(30);

    /// <summary>The documented lifetime, assumed when an answer has no <c>expiresAt</c> and never exceeded.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public string Name => "ecr";

    public bool Recognizes(string host) => RegistryHost().IsMatch(host);

    public async Task<RegistrySignIn> SignInAsync(RegistryCredential credential, CancellationToken cancellationToken)
    {
        var host = credential.Host.ToLowerInvariant();
        if (RegistryHost().Match(host) is not { Success: true } match)
        {
            return RegistrySignIn.Failed($"{credential.Host} is not an ECR registry host (<account>.dkr.ecr.<region>.amazonaws.com), so its AWS region is unknown");
        }

        var region = match.Groups["region"].Value;
        var endpoint = !string.IsNullOrWhiteSpace(options.Value.EcrEndpoint)
            ? new Uri(options.Value.EcrEndpoint)
            : new Uri($"https://api.ecr.{region}.amazonaws.com{match.Groups["cn"].Value}/");
        var accessKeyId = credential.Username ?? "";
        var (secret, session) = (credential.Password ?? "").Split(':', 2) is [var s, var t] ? (s, t) : (credential.Password ?? "", null);

        // One registry password per identity and region, shared by every registry of that account and region.
        var identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{accessKeyId}\n{secret}\n{session}")));
        var key = TokenCacheKey.For(endpoint.Authority, "ecr:" + region, identity);
        var token = await cache.GetAsync(key, () => FetchAsync(endpoint, region, accessKeyId, secret, session), cancellationToken);
        if (!token.Succeeded)
        {
            return RegistrySignIn.Failed(token.Error!);
        }

        var colon = token.Value!.IndexOf(':', StringComparison.Ordinal);
        return RegistrySignIn.As(new RegistryCredential
        {
            Host = credential.Host,
            Username = token.Value[..colon],
            Password = token.Value[(colon + 1)..],
            Insecure = credential.Insecure,
            Provider = credential.Provider,
        });
    }

    // The shared fetch is not cancelled by any one caller; it has its own timeout.
    private async Task<RegistryToken> FetchAsync(Uri endpoint, string region, string accessKeyId, string secret, string? session)
    {
        var api = $"the ECR API at {endpoint.Authority}";
        var body = "{}"u8.ToArray();
        var now = time.GetUtcNow();
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = ContentType,
            ["host"] = endpoint.Authority,
            ["x-amz-date"] = AwsSigV4Signer.AmzDate(now),
            ["x-amz-target"] = Target,
        };
        if (!string.IsNullOrEmpty(session))
        {
            headers["x-amz-security-token"] = session;
        }

        var signature = AwsSigV4Signer.Sign("POST", endpoint, headers, body, accessKeyId, secret, region, "ecr", now);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        foreach (var (name, value) in headers.Where(h => h.Key is not ("content-type" or "host")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        try
        {
            counter.CountTokenRequest();
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await ReadBoundedAsync(response.Content, timeout.Token);
            if (answer is null)
            {
                return RegistryToken.Failed($"{api} sent more than {MaxResponseBytes} bytes");
            }

            return response.IsSuccessStatusCode
                ? Parse(answer, api, now)
                : RegistryToken.Failed($"{api} refused the AWS access key {accessKeyId} ({(int)response.StatusCode}{Describe(answer)})");
        }
        catch (OperationCanceledException)
        {
            return RegistryToken.Failed($"{api} did not answer within {options.Value.RequestTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return RegistryToken.Failed($"{api} is unreachable: {e.Message}");
        }
        catch (IOException e)
        {
            // The connection dropped while the answer's body was read.
            return RegistryToken.Failed($"{api} broke off its answer: {e.Message}");
        }
    }

    private static RegistryToken Parse(byte[] answer, string api, DateTimeOffset now)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("authorizationData", out var list) || list.ValueKind != JsonValueKind.Array
                || list.GetArrayLength() == 0 || list[0].ValueKind != JsonValueKind.Object
                || !list[0].TryGetProperty("authorizationToken", out var encoded) || encoded.ValueKind != JsonValueKind.String)
            {
                return RegistryToken.Failed($"{api} sent no authorization token");
            }

            var data = list[0];
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.GetString()!));
            }
            catch (FormatException)
            {
                return RegistryToken.Failed($"{api} sent an authorization token that is not base64");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == decoded.Length - 1)
            {
                return RegistryToken.Failed($"{api} sent an authorization token that is not user:password");
            }

            // expiresAt is epoch seconds (awsJson1.1 timestamps); trust it only within the documented 12 hours.
            var expires = now + Lifetime;
            if (data.TryGetProperty("expiresAt", out var at))
            {
                if (at.ValueKind != JsonValueKind.Number || !at.TryGetDouble(out var seconds) || !double.IsFinite(seconds)
                    || seconds < 0 || seconds > 253_402_300_799)
                {
                    return RegistryToken.Failed($"{api} sent a malformed expiresAt");
                }

                var stated = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
                if (stated <= now)
                {
                    return RegistryToken.Failed($"{api} sent an authorization token that expired at {stated:u}");
                }

                expires = stated < expires ? stated : expires;
            }

            var lifetime = expires - now;
            var margin = lifetime > 2 * RefreshMargin ? RefreshMargin : lifetime / 2;
            return RegistryToken.Issued(decoded, expires - margin);
        }
        catch (JsonException)
        {
            return RegistryToken.Failed($"{api} sent a malformed answer");
        }
    }

    /// <summary>": &lt;__type&gt;: &lt;message&gt;" from an AWS JSON error answer, bounded; "" when it is not one.</summary>
    private static string Describe(byte[] answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "";
            }

            var type = Text(json.RootElement, "__type")?.Split('#')[^1];
            var message = Text(json.RootElement, "message") ?? Text(json.RootElement, "Message");
            var text = string.Join(": ", new[] { type, message }.Where(t => !string.IsNullOrEmpty(t)));
            return text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [GeneratedRegex(@"^[0-9]{12}\.dkr\.ecr(-fips)?\.(?<region>[a-z]{2}(-[a-z]+)+-[0-9])\.amazonaws\.com(?<cn>\.cn)?$")]
    private static partial Regex RegistryHost();
}
