using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Dockward.Core.Security.Secrets;
using Dockward.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dockward.Functions.Tests.Security;

[Collection(ServersCollection.Name)]
[Trait("Area", "Security")]
public sealed class AccessTokenTests(Servers servers)
{
    [Fact]
    public async Task A_token_signed_with_the_real_key_for_a_live_session_is_accepted()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var token = Craft(await LiveClaimsAsync(controlPlane));

        (await MeAsync(controlPlane, token)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var now = DateTime.UtcNow;
        var token = Craft(await LiveClaimsAsync(controlPlane), issuedAt: now.AddHours(-1), expires: now.AddMinutes(-10));

        (await MeAsync(controlPlane, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var real = await SecurityCalls.SignInAsync(controlPlane.Http, TestSecurity.AdminUserName, TestSecurity.AdminPassword);
        var payload = real.GetProperty("accessToken").GetString()!.Split('.')[1];
        var token = SecurityCalls.Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + payload + ".";

        (await MeAsync(controlPlane, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        (await MeAsync(controlPlane, Craft(await LiveClaimsAsync(controlPlane), audience: "someone-else"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);

        (await MeAsync(controlPlane, Craft(await LiveClaimsAsync(controlPlane), issuer: "not-dockward"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_whose_signature_was_tampered_with_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var real = (await SecurityCalls.SignInAsync(controlPlane.Http, TestSecurity.AdminUserName, TestSecurity.AdminPassword)).GetProperty("accessToken").GetString()!;
        var parts = real.Split('.');
        var signature = Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/').PadRight((parts[2].Length + 3) / 4 * 4, '='));
        signature[0] ^= 0x01;
        var tampered = $"{parts[0]}.{parts[1]}.{SecurityCalls.Base64Url(signature)}";

        (await MeAsync(controlPlane, real)).ShouldBe(HttpStatusCode.OK);
        (await MeAsync(controlPlane, tampered)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var otherKey = MasterKey.FromMaterial(RandomNumberGenerator.GetBytes(MasterKey.Length));

        (await MeAsync(controlPlane, Craft(await LiveClaimsAsync(controlPlane), key: otherKey))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_not_valid_before_a_future_time_is_refused_with_401()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(servers);
        var now = DateTime.UtcNow;
        var token = Craft(await LiveClaimsAsync(controlPlane), issuedAt: now, notBefore: now.AddMinutes(10), expires: now.AddMinutes(14));

        (await MeAsync(controlPlane, token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The claims of a real admin access token (subject, name, role, session), so only what a test changes differs.</summary>
    private static async Task<IReadOnlyList<Claim>> LiveClaimsAsync(ControlPlaneProcess controlPlane)
    {
        var body = await SecurityCalls.SignInAsync(controlPlane.Http, TestSecurity.AdminUserName, TestSecurity.AdminPassword);
        var token = new JsonWebToken(body.GetProperty("accessToken").GetString()!);
        return token.Claims.Where(c => c.Type is "sub" or "name" or "role" or "sid" or "jti").Select(c => new Claim(c.Type, c.Value)).ToList();
    }

    private static string Craft(
        IReadOnlyList<Claim> claims,
        string issuer = "dockward",
        string audience = "dockward-api",
        MasterKey? key = null,
        DateTime? issuedAt = null,
        DateTime? notBefore = null,
        DateTime? expires = null)
    {
        key ??= MasterKey.FromBase64(TestSecurity.MasterKey);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt ?? now,
            NotBefore = notBefore ?? issuedAt ?? now,
            Expires = expires ?? now.AddMinutes(10),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(DerivedKeys.Derive(key, "dockward/access-tokens/v1")) { KeyId = key.Id }, SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<HttpStatusCode> MeAsync(ControlPlaneProcess controlPlane, string token)
    {
        using var response = await SecurityCalls.SendAsync(controlPlane, HttpMethod.Get, "/api/auth/me", token);
        return response.StatusCode;
    }
}
