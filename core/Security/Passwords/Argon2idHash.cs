using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dockward.Core.Security.Passwords;

/// <summary>
/// A stored Argon2id hash in the PHC string format
/// (<c>$argon2id$v=19$m={KiB},t={passes},p={lanes}${salt}${hash}</c>, base64 without padding; see
/// https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md).
/// </summary>
internal sealed record Argon2idHash(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash)
{
    /// <summary>Argon2 version 1.3, the only one the library implements.</summary>
    public const int Version = 0x13;

    // Bounds on what a stored hash may ask for, so a corrupt or planted record cannot make one login allocate
    // gigabytes or run for minutes. Generous above today's settings, so stronger future settings still verify.
    private const int MaxMemoryKiB = 1024 * 1024;
    private const int MaxIterations = 64;
    private const int MaxParallelism = 16;

    /// <summary>The PHC string.</summary>
    public override string ToString() =>
        $"$argon2id$v={Version}$m={MemoryKiB},t={Iterations},p={Parallelism}${Encode(Salt)}${Encode(Hash)}";

    /// <summary>Reads a PHC string this class wrote (any parameters within sane bounds); false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Argon2idHash? hash)
    {
        hash = null;
        var fields = text?.Split('$');
        // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
        if (fields is not { Length: 6 } || fields[0].Length != 0 || fields[1] != "argon2id" || fields[2] != $"v={Version}")
        {
            return false;
        }

        var parameters = fields[3].Split(',');
        if (parameters.Length != 3
            || !TryReadParameter(parameters[0], "m=", out var memory)
            || !TryReadParameter(parameters[1], "t=", out var iterations)
            || !TryReadParameter(parameters[2], "p=", out var parallelism)
            || parallelism is < 1 or > MaxParallelism
            || iterations is < 1 or > MaxIterations
            // Argon2 needs at least 8 KiB per lane (RFC 9106 section 3.1).
            || memory < 8 * parallelism || memory > MaxMemoryKiB
            || !TryDecode(fields[4], out var salt) || salt.Length is < 8 or > 64
            || !TryDecode(fields[5], out var bytes) || bytes.Length is < 16 or > 64)
        {
            return false;
        }

        hash = new Argon2idHash(memory, iterations, parallelism, salt, bytes);
        return true;
    }

    private static bool TryReadParameter(string text, string prefix, out int value)
    {
        value = 0;
        var digits = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : "";
        // Decimal without sign, spaces or leading zeros, as the PHC format requires.
        return digits.Length is > 0 and <= 9
            && (digits[0] != '0' || digits.Length == 1)
            && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 == 1 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return false;
        }

        var buffer = new byte[text.Length];
        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        // Only the canonical encoding, so one hash has one spelling.
        return Encode(bytes) == text;
    }
}
