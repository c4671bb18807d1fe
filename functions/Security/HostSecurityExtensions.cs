using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dockward.Core.Security;
using Dockward.Core.Security.Tokens;
using Dockward.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Security;

/// <summary>Authentication, the per-route access policies, CSRF, security headers, HTTPS and trusted proxies.</summary>
internal static class HostSecurityExtensions
{
    public static WebApplicationBuilder AddHostSecurity(this WebApplicationBuilder builder)
    {
        var transport = builder.Configuration.GetSection(SecurityOptions.Section).Get<TransportOptions>() ?? new TransportOptions();
        builder.Services.AddSingleton(Options.Create(transport));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (transport.Https)
            {
                var certificate = LoadCertificate(transport);
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        if (transport.Https)
        {
            RequireHttpsListener(builder.Configuration);
            builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        }

        if (!string.IsNullOrWhiteSpace(transport.TrustedProxies))
        {
            var proxies = ParseProxies(transport.TrustedProxies);
            builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var network in proxies)
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            });
        }

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SessionGuard>();
        builder.Services.AddSingleton<CsrfTokens>();
        builder.Services.AddSingleton<Auth.SessionTokens>();
        builder.Services.AddSingleton<Auth.PasswordSignIn>();
        builder.Services
            .AddAuthentication(AuthSchemes.User)
            .AddPolicyScheme(AuthSchemes.User, "User", scheme => scheme.ForwardDefaultSelector = context =>
                BearerToken.From(context.Request)?.StartsWith("dwp_", StringComparison.Ordinal) == true ? AuthSchemes.ApiToken : AuthSchemes.Session)
            .AddJwtBearer(AuthSchemes.Session, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    // The dashboard sends its access token as an HttpOnly cookie; scripts send the header.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Headers.Authorization.Count == 0)
                        {
                            context.Token = context.Request.Cookies[AuthCookies.Access];
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var sessionId = context.Principal?.FindFirst(AccessTokenClaims.Session)?.Value;
                        var guard = context.HttpContext.RequestServices.GetRequiredService<SessionGuard>();
                        if (sessionId is null || !await guard.IsActiveAsync(sessionId, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The session has ended.");
                        }
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthSchemes.ApiToken, null)
            .AddScheme<AuthenticationSchemeOptions, AgentAuthenticationHandler>(AuthSchemes.Agent, null);
        builder.Services.AddOptions<JwtBearerOptions>(AuthSchemes.Session)
            .Configure<AccessTokenIssuer>((jwt, issuer) => jwt.TokenValidationParameters = issuer.ValidationParameters());

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.PolicyFor(Access.Agent), policy => policy.AddAuthenticationSchemes(AuthSchemes.Agent).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.PolicyFor(Access.Viewer), policy => RequireRole(policy, Role.Viewer))
            .AddPolicy(AuthSchemes.PolicyFor(Access.Operator), policy => RequireRole(policy, Role.Operator))
            .AddPolicy(AuthSchemes.PolicyFor(Access.Admin), policy => RequireRole(policy, Role.Admin))
            // Anyone reaches a webhook route; the function itself checks the provider's secret or signature.
            .AddPolicy(AuthSchemes.PolicyFor(Access.Webhook), policy => policy.RequireAssertion(_ => true));
        return builder;
    }

    /// <summary>The request pipeline's security, in order: proxies, headers, HTTPS, sign-in, CSRF, access.</summary>
    public static WebApplication UseHostSecurity(this WebApplication app)
    {
        var transport = app.Services.GetRequiredService<IOptions<TransportOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(transport.TrustedProxies))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeaders>();
        // Failures before a function runs (the store down while checking a token) still answer problem+json.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (transport.Https)
        {
            app.UseHsts();
            // Probes (Docker HEALTHCHECK, load balancers) keep plain HTTP on loopback; everything else moves to HTTPS.
            app.UseWhen(context => !IsProbe(context), branch => branch.UseHttpsRedirection());
        }

        app.UseAuthentication();
        app.UseMiddleware<CsrfProtection>();
        app.UseAuthorization();
        return app;
    }

    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.Equals("/health", StringComparison.Ordinal) || context.Request.Path.Equals("/ready", StringComparison.Ordinal);

    private static void RequireRole(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, Role least) =>
        policy.AddAuthenticationSchemes(AuthSchemes.User)
            .RequireAuthenticatedUser()
            .RequireAssertion(context =>
                Enum.TryParse<Role>(context.User.FindFirst(AccessTokenClaims.Role)?.Value, ignoreCase: true, out var role) && role >= least);

    /// <summary>A certificate with nothing listening on HTTPS would silently leave everything on HTTP: refuse to start.</summary>
    private static void RequireHttpsListener(ConfigurationManager configuration)
    {
        var urls = configuration["urls"] ?? "";
        if (!urls.Contains("https://", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            throw new HostConfigurationException(
                "Security:CertificatePath is set but nothing listens on HTTPS: add an https:// URL to --urls or DOCKWARD_URLS " +
                "(e.g. \"http://0.0.0.0:7071;https://0.0.0.0:7443\"), or set DOCKWARD_HTTPS_PORTS.");
        }
    }

    private static X509Certificate2 LoadCertificate(TransportOptions transport)
    {
        if (string.IsNullOrEmpty(transport.KeyPath))
        {
            throw new HostConfigurationException("Security:KeyPath (env DOCKWARD_SECURITY__KEYPATH) is required with Security:CertificatePath: the certificate's PEM private key.");
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(transport.CertificatePath!, transport.KeyPath);
            // Exported and re-imported: on Linux, SslStream needs a certificate whose key is not ephemeral.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new HostConfigurationException($"Security:CertificatePath / Security:KeyPath cannot be loaded as a PEM certificate and key: {e.Message}");
        }
    }

    private static List<System.Net.IPNetwork> ParseProxies(string value)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(part, out var address))
            {
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new HostConfigurationException($"Security:TrustedProxies has '{part}', which is neither an IP address nor a CIDR network (e.g. 10.0.0.5, 10.0.0.0/8).");
            }
        }

        return networks;
    }
}
