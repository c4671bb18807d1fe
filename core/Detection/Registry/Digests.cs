using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Dockward.Core.Detection.Registry;

/// <summary>Manifest digests as Dockward accepts them: <c>sha256:</c> and 64 lowercase hex digits, nothing else.</summary>
internal static class Digests
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: 71 } && value.StartsWith("sha256:", StringComparison.Ordinal) && !value.AsSpan(7).ContainsAnyExcept(LowerHex);

    /// <summary>The digest of <paramref name="content"/>: what a registry that sends no Docker-Content-Digest means.</summary>
    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
