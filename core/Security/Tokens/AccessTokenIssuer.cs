using System.Security.Claims;
using Dockward.Core.Security.Secrets;
using Dockward.Core.Security.Sessions;
using Dockward.Core.Security.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dockward.Core.Security.Tokens;

/// <summary>
/// Short-lived JWT access tokens (HS256) signed with a key derived from the master key, so every control-plane
/// instance signs and checks alike and nothing else needs distributing. After a master-key rotation the previous
/// keys still verify tokens until they expire.
/// </summary>
internal sealed class AccessTokenIssuer(MasterKeyRing keys, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const string KeyPurpose = "dockward/access-tokens/v1";

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>An access token for a login session, valid for <see cref="SecurityOptions.AccessTokenLifetime"/>.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(UserRecord user, SessionRecord session)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var current = keys.Current;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokenClaims.Issuer,
            Audience = AccessTokenClaims.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(AccessTokenClaims.Subject, user.Id),
                new Claim(AccessTokenClaims.Name, user.UserName),
                new Claim(AccessTokenClaims.Role, user.Role.ToString().ToLowerInvariant()),
                new Claim(AccessTokenClaims.Session, session.Id),
                new Claim(JwtRegisteredClaimNames.Jti, SecretTokens.NewId()),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey(current), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>What a presented token must satisfy: our signature with HS256 only, issuer, audience, nbf and exp.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = AccessTokenClaims.Issuer,
        ValidAudience = AccessTokenClaims.Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKeys = keys.All.Select(SigningKey).ToList(),
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = AccessTokenClaims.Name,
        RoleClaimType = AccessTokenClaims.Role,
    };

    private static SymmetricSecurityKey SigningKey(MasterKey key) => new(DerivedKeys.Derive(key, KeyPurpose)) { KeyId = key.Id };
}
