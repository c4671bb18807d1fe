using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class TransportTests(Servers servers)
{
    [Theory]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/api/auth/me", HttpStatusCode.Unauthorized)]
    public async Task Responses_carry_the_security_headers(string path, HttpStatusCode status)
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        using var response = await controlPlane.Http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(status);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }

    [Fact]
    public async Task With_a_certificate_http_api_requests_are_redirected_to_https_but_probes_are_not_and_https_answers_carry_hsts()
    {
        var directory = Directory.CreateTempSubdirectory("dockward-tls-");
        var prefix = Servers.UniqueName("fn");
        try
        {
            var (certificatePath, keyPath) = WriteSelfSignedPem(directory.FullName);
            var environment = ControlPlaneProcess.GoodEnvironment(servers.Azurite.ConnectionString, prefix);
            environment["DOCKWARD_SECURITY__CERTIFICATEPATH"] = certificatePath;
            environment["DOCKWARD_SECURITY__KEYPATH"] = keyPath;
            var httpPort = FreePort.Next();
            var httpsPort = FreePort.Next();
            await using var process = ServerProcess.Start("dotnet", [RepoPaths.FunctionsDll, "--urls", $"http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}"], environment);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
            using var https = new HttpClient(new HttpClientHandler
            {
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=dockward.test",
            }) { BaseAddress = new Uri($"https://127.0.0.1:{httpsPort}"), Timeout = TimeSpan.FromSeconds(30) };
            await Wait.UntilAsync("the HTTPS control plane to answer /health", TimeSpan.FromSeconds(60), async () =>
            {
                process.HasExited.ShouldBeFalse(process.Output);
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                return health.IsSuccessStatusCode;
            }, () => process.Output);

            using var api = await http.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
            using var probe = await http.GetAsync(new Uri("/health", UriKind.Relative));
            using var secure = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
            secure.Headers.Host = "dockward.test";
            using var secured = await https.SendAsync(secure);

            api.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
            api.Headers.Location.ShouldNotBeNull();
            api.Headers.Location!.Scheme.ShouldBe("https");
            api.Headers.Location.Port.ShouldBe(httpsPort);
            api.Headers.Location.AbsolutePath.ShouldBe("/api/auth/me");
            probe.StatusCode.ShouldBe(HttpStatusCode.OK);
            probe.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
            secured.StatusCode.ShouldBe(HttpStatusCode.OK);
            secured.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=31536000");
        }
        finally
        {
            await TestTables.DeleteAsync(servers.Azurite.ConnectionString, prefix);
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_client_address_is_audited()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers, env => env["DOCKWARD_SECURITY__TRUSTEDPROXIES"] = "127.0.0.1");

        var address = await FailedLoginAddressAsync(controlPlane);

        address.ShouldBe("203.0.113.9");
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forwarded_for_header_is_ignored_and_the_peer_address_is_audited()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        var address = await FailedLoginAddressAsync(controlPlane);

        address.ShouldBe("127.0.0.1");
    }

    private static async Task<string?> FailedLoginAddressAsync(ControlPlaneProcess controlPlane)
    {
        var userName = Servers.UniqueName("proxied-");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/token", UriKind.Relative))
        {
            Content = JsonContent.Create(new { userName, password = "not the password at all" }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await controlPlane.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var entries = await SecurityCalls.AuditAsync(controlPlane, $"action=auth.login&result=failure&target={userName}");
        return entries.ShouldHaveSingleItem().GetProperty("address").GetString();
    }

    private static (string CertificatePath, string KeyPath) WriteSelfSignedPem(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dockward.test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("dockward.test");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
