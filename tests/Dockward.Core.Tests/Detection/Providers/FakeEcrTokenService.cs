using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dockward.Testing;

namespace Dockward.Core.Tests.Detection.Providers;

/// <summary>
/// A fake of the AWS ECR API's <c>GetAuthorizationToken</c> (AWS cannot be reached here): a real HTTP server on a
/// loopback port that checks a request the way AWS does — awsJson1.1 target and content type, a SigV4
/// <c>Authorization</c> for a known key, the credential scope (date, region, service <c>ecr</c>), <c>x-amz-date</c>
/// within 15 minutes, the session token of temporary keys, and the signature recomputed from the bytes received —
/// and answers with the documented shape: <c>{"authorizationData":[{"authorizationToken": base64("AWS:&lt;password&gt;"),
/// "expiresAt": epoch seconds, "proxyEndpoint": …}]}</c> (Amazon ECR API Reference, GetAuthorizationToken and
/// AuthorizationData; errors as in its Common Errors: UnrecognizedClientException, InvalidSignatureException, …).
/// Each token issued is <c>ecr-password-1</c>, <c>ecr-password-2</c>, …, valid 12 hours by <see cref="Clock"/>.
/// </summary>
internal sealed partial class FakeEcrTokenService : IDisposable
{
    public const string Target = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";

    private readonly HttpListener listener = new();
    private readonly Task serving;
    private int issued;
    private int calls;

    public FakeEcrTokenService(string region, TimeProvider clock)
    {
        Region = region;
        Clock = clock;
        Endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public string Region { get; }

    public TimeProvider Clock { get; }

    /// <summary>Access key id → secret key and, for temporary credentials, the session token it must come with.</summary>
    public ConcurrentDictionary<string, (string Secret, string? SessionToken)> Keys { get; } = new();

    /// <summary>When set, the body of every successful answer instead of the documented one (a broken service).</summary>
    public string? BrokenAnswer { get; set; }

    /// <summary>Every call received, successful or not.</summary>
    public int Calls => calls;

    public void Dispose()
    {
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's pending accept fails when it closes.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref calls);
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var (status, body) = Answer(context.Request, buffer.ToArray());
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (HttpStatusCode, string) Answer(HttpListenerRequest request, byte[] body)
    {
        if (request.HttpMethod != "POST" || request.Headers["X-Amz-Target"] != Target)
        {
            return Error(HttpStatusCode.BadRequest, "UnknownOperationException", "Operation is not supported.");
        }

        if (request.ContentType != "application/x-amz-json-1.1")
        {
            return Error(HttpStatusCode.BadRequest, "SerializationException", "Start of structure or map found where not expected.");
        }

        if (AuthorizationPattern().Match(request.Headers["Authorization"] ?? "") is not { Success: true } authorization)
        {
            return Error(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var keyId = authorization.Groups["key"].Value;
        if (!Keys.TryGetValue(keyId, out var key))
        {
            return Error(HttpStatusCode.BadRequest, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var amzDate = request.Headers["X-Amz-Date"] ?? "";
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || (signedAt - Clock.GetUtcNow()).Duration() > TimeSpan.FromMinutes(15))
        {
            return Error(HttpStatusCode.BadRequest, "InvalidSignatureException", "Signature expired or x-amz-date missing.");
        }

        if (authorization.Groups["date"].Value != amzDate[..8] || authorization.Groups["region"].Value != Region || authorization.Groups["service"].Value != "ecr")
        {
            return Error(HttpStatusCode.Forbidden, "InvalidSignatureException", "Credential should be scoped to a valid region and service ecr.");
        }

        var signed = authorization.Groups["headers"].Value.Split(';');
        if (!signed.Contains("host") || !signed.Contains("x-amz-date") || !signed.SequenceEqual(signed.Order(StringComparer.Ordinal)))
        {
            return Error(HttpStatusCode.Forbidden, "InvalidSignatureException", "Host and x-amz-date must be signed, in order.");
        }

        if (key.SessionToken is not null && (request.Headers["X-Amz-Security-Token"] != key.SessionToken || !signed.Contains("x-amz-security-token")))
        {
            return Error(HttpStatusCode.BadRequest, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (Signature(request, body, signed, key.Secret, authorization.Groups["date"].Value, Region, amzDate) != authorization.Groups["signature"].Value)
        {
            return Error(HttpStatusCode.Forbidden, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }

        if (BrokenAnswer is not null)
        {
            return (HttpStatusCode.OK, BrokenAnswer);
        }

        var password = $"ecr-password-{Interlocked.Increment(ref issued)}";
        var expiresAt = (Clock.GetUtcNow() + TimeSpan.FromHours(12)).ToUnixTimeMilliseconds() / 1000.0;
        return (HttpStatusCode.OK, JsonSerializer.Serialize(new
        {
            authorizationData = new[]
            {
                new
                {
                    authorizationToken = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password)),
                    expiresAt,
                    proxyEndpoint = $"https://123456789012.dkr.ecr.{Region}.amazonaws.com",
                },
            },
        }));
    }

    /// <summary>The signature recomputed from what arrived: the headers the client says it signed, as received, and the body's bytes.</summary>
    private static string Signature(HttpListenerRequest request, byte[] body, string[] signed, string secret, string day, string region, string amzDate)
    {
        var headers = string.Concat(signed.Select(name => $"{name}:{string.Join(' ', (request.Headers[name] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))}\n"));
        var canonical = $"{request.HttpMethod}\n{request.Url!.AbsolutePath}\n{request.Url.Query.TrimStart('?')}\n{headers}\n{string.Join(';', signed)}\n{Hex(SHA256.HashData(body))}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{day}/{region}/ecr/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in (string[])[day, region, "ecr", "aws4_request"])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static (HttpStatusCode, string) Error(HttpStatusCode status, string type, string message) =>
        (status, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, SignedHeaders=(?<headers>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
