using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dockward.Core.Webhooks;

/// <summary>
/// Checks that a delivery carries the provider's secret in one of the ways its parser allows. Every comparison is
/// between fixed-length hashes in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), so neither
/// a secret's length nor a matching prefix shows in the response time.
/// </summary>
internal static class WebhookAuthenticator
{
    public const string HubSignatureHeader = "X-Hub-Signature-256";
    public const string DockwardSignatureHeader = "X-Dockward-Signature";
    private const string SignaturePrefix = "sha256=";

    public static bool IsAuthentic(WebhookAuthMethods methods, string secret, ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> headers, string? urlToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var authentic = false;
        // Every allowed method is evaluated, so which one matched does not show in the timing either.
        if (methods.HasFlag(WebhookAuthMethods.UrlToken))
        {
            authentic |= urlToken is not null && SameSecret(urlToken, secret);
        }

        if (methods.HasFlag(WebhookAuthMethods.AuthorizationHeader) && headers.TryGetValue("Authorization", out var authorization))
        {
            // "Bearer <secret>" as distribution's and ACR's examples configure it, or the bare secret (Harbor's Auth Header is free text).
            var presented = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization.Trim();
            authentic |= SameSecret(presented, secret);
        }

        if (methods.HasFlag(WebhookAuthMethods.HubSignature) && headers.TryGetValue(HubSignatureHeader, out var hub))
        {
            authentic |= SignatureMatches(hub, secret, body);
        }

        if (methods.HasFlag(WebhookAuthMethods.DockwardSignature) && headers.TryGetValue(DockwardSignatureHeader, out var dockward))
        {
            authentic |= SignatureMatches(dockward, secret, body);
        }

        return authentic;
    }

    /// <summary>The signature header value for <paramref name="body"/>: <c>sha256=&lt;lower-case hex HMAC-SHA256&gt;</c>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static bool SameSecret(string presented, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool SignatureMatches(string header, string secret, ReadOnlySpan<byte> body)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        var hex = header.Trim();
        if (!hex.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase) || hex.Length != SignaturePrefix.Length + (2 * HMACSHA256.HashSizeInBytes))
        {
            return false;
        }

        var presented = new byte[HMACSHA256.HashSizeInBytes];
        for (var i = 0; i < presented.Length; i++)
        {
            if (!byte.TryParse(hex.AsSpan(SignaturePrefix.Length + (2 * i), 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out presented[i]))
            {
                return false;
            }
        }

        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
