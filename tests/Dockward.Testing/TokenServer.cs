using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dockward.Testing;

/// <summary>
/// A registry token service as Docker Hub and Harbor run one (https://distribution.github.io/distribution/spec/auth/token/):
/// <c>GET /token?service=…&amp;scope=repository:name:pull</c>, anonymous or with Basic credentials, answering an ES256
/// JWT whose <c>x5c</c> header carries a self-signed certificate the registry trusts through its <c>rootcertbundle</c>.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "dockward-test";
    public const string Issuer = "dockward-test-issuer";

    /// <summary>Lifetime of tokens for repositories without their own (<see cref="SetLifetime"/>).</summary>
    public const int DefaultLifetimeSeconds = 300;

    private readonly WebApplication app;
    private readonly ECDsa key;
    private readonly X509Certificate2 certificate;
    private readonly string username;
    private readonly string password;
    private readonly ConcurrentDictionary<string, int> requestsByRepository = new();
    private readonly ConcurrentDictionary<string, int> lifetimes = new();
    private readonly ConcurrentDictionary<string, string> subjects = new();
    private int requests;

    private TokenServer(WebApplication app, ECDsa key, X509Certificate2 certificate, int port, string rootCertBundle, string username, string password)
    {
        this.app = app;
        this.key = key;
        this.certificate = certificate;
        this.username = username;
        this.password = password;
        Port = port;
        RootCertBundle = rootCertBundle;
    }

    public int Port { get; }

    /// <summary>The realm registries send clients to.</summary>
    public Uri Realm => new($"http://127.0.0.1:{Port}/token");

    /// <summary>PEM file of the signing certificate, for the registry's <c>rootcertbundle</c>.</summary>
    public string RootCertBundle { get; }

    /// <summary>Token requests answered or refused since start.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Token requests whose scope named this repository.</summary>
    public int RequestsFor(string repository) => requestsByRepository.GetValueOrDefault(repository);

    /// <summary>Who the last token for this repository was issued to: the user, or "" for an anonymous token.</summary>
    public string? SubjectFor(string repository) => subjects.GetValueOrDefault(repository);

    /// <summary>Issue tokens for this repository with this <c>expires_in</c> (short ones let tests see expiry).</summary>
    public void SetLifetime(string repository, int seconds) => lifetimes[repository] = seconds;

    public static async Task<TokenServer> StartAsync(string username, string password)
    {
        var folder = Directory.CreateTempSubdirectory("dockward-token-").FullName;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=dockward-test-token-signer", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var bundle = Path.Combine(folder, "root.pem");
        await File.WriteAllTextAsync(bundle, certificate.ExportCertificatePem() + "\n");

        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TokenServer(app, key, certificate, port, bundle, username, password);
        app.MapGet("/token", server.Issue);
        await app.StartAsync();
        return server;
    }

    private IResult Issue(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        var scopes = context.Request.Query["scope"].Select(s => s ?? "").Where(s => s.Length > 0).ToList();
        foreach (var scope in scopes)
        {
            requestsByRepository.AddOrUpdate(RepositoryOf(scope), 1, (_, n) => n + 1);
        }

        var subject = "";
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            // Docker Hub answers wrong credentials with 401, and anonymous requests with an anonymous token.
            if (!TryBasic(authorization, out var user, out var secret) || user != username || secret != password)
            {
                return Results.Json(new { details = "incorrect username or password" }, statusCode: (int)HttpStatusCode.Unauthorized);
            }

            subject = user;
        }

        var now = DateTimeOffset.UtcNow;
        var lifetime = scopes.Select(s => lifetimes.GetValueOrDefault(RepositoryOf(s))).DefaultIfEmpty(0).Max();
        lifetime = lifetime > 0 ? lifetime : DefaultLifetimeSeconds;
        var access = scopes.Select(Access).OfType<object>().ToArray();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = context.Request.Query["service"].ToString(),
            ["exp"] = now.AddSeconds(lifetime).ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(-5).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        foreach (var scope in scopes)
        {
            subjects[RepositoryOf(scope)] = subject;
        }

        var token = Sign(claims);
        return Results.Json(new Dictionary<string, object>
        {
            ["token"] = token,
            ["access_token"] = token,
            ["expires_in"] = lifetime,
            ["issued_at"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new[] { Convert.ToBase64String(certificate.RawData) },
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        // ES256 signatures in a JWS are r || s (IEEE P1363), which is .NET's default format.
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>Grants pull on the repository a <c>repository:name:actions</c> scope names; nothing else.</summary>
    private static object? Access(string scope)
    {
        var parts = scope.Split(':');
        if (parts.Length < 3 || parts[0] != "repository" || !parts[^1].Split(',').Contains("pull"))
        {
            return null;
        }

        return new { type = "repository", name = string.Join(':', parts[1..^1]), actions = new[] { "pull" } };
    }

    private static string RepositoryOf(string scope)
    {
        var parts = scope.Split(':');
        return parts.Length >= 3 ? string.Join(':', parts[1..^1]) : scope;
    }

    private static bool TryBasic(string authorization, out string user, out string secret)
    {
        user = secret = "";
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            (user, secret) = (pair[..colon], pair[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
        key.Dispose();
        Directory.Delete(Path.GetDirectoryName(RootCertBundle)!, recursive: true);
    }
}
