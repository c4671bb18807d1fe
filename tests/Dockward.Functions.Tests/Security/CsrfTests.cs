using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Functions.Tests.Security;

/// <summary>The dashboard's cookie session: state changes need the CSRF header (double submit), reads do not.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class CsrfTests(Servers servers)
{
    [Fact]
    public async Task A_post_riding_on_cookies_without_the_csrf_header_is_refused_with_403_problem_json()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var browser = Browser(controlPlane);
        var (cookies, _) = await LoginAsync(browser);

        using var response = await browser.SendAsync(WithCookies(HttpMethod.Post, "/api/checks", cookies, csrf: null));

        await ProblemJson.ReadAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_post_riding_on_cookies_with_a_wrong_csrf_header_is_refused_with_403()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var browser = Browser(controlPlane);
        var (cookies, csrfToken) = await LoginAsync(browser);

        using var response = await browser.SendAsync(WithCookies(HttpMethod.Post, "/api/checks", cookies, csrf: csrfToken[..^2] + "xx"));

        await ProblemJson.ReadAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_post_riding_on_cookies_with_the_csrf_token_from_the_login_succeeds()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var browser = Browser(controlPlane);
        var (cookies, csrfToken) = await LoginAsync(browser);

        using var response = await browser.SendAsync(WithCookies(HttpMethod.Post, "/api/checks", cookies, csrfToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_riding_on_cookies_needs_no_csrf_header()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        using var browser = Browser(controlPlane);
        var (cookies, _) = await LoginAsync(browser);

        using var response = await browser.SendAsync(WithCookies(HttpMethod.Get, "/api/checks", cookies, csrf: null));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A client that leaves cookies to the test: they are Secure, and the test speaks plain HTTP.</summary>
    private static HttpClient Browser(ControlPlaneProcess controlPlane) =>
        new(new HttpClientHandler { UseCookies = false }) { BaseAddress = controlPlane.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Logs in as the admin through the dashboard's route; returns the cookies as a Cookie header value and the CSRF token from the body.</summary>
    private static async Task<(string Cookies, string CsrfToken)> LoginAsync(HttpClient browser)
    {
        using var response = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative),
            new { userName = TestSecurity.AdminUserName, password = TestSecurity.AdminPassword });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        var cookies = string.Join("; ", setCookies.Select(c => c.Split(';')[0]));
        cookies.ShouldContain("__Host-dockward-access=");
        cookies.ShouldContain("__Host-dockward-refresh=");
        cookies.ShouldContain("__Host-dockward-csrf=");
        setCookies.ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        var csrfToken = JsonDocument.Parse(body).RootElement.GetProperty("csrfToken").GetString()!;
        cookies.ShouldContain("__Host-dockward-csrf=" + csrfToken);
        return (cookies, csrfToken);
    }

    private static HttpRequestMessage WithCookies(HttpMethod method, string path, string cookies, string? csrf)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookies);
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        if (method != HttpMethod.Get)
        {
            request.Content = JsonContent.Create(new { });
        }

        return request;
    }
}
