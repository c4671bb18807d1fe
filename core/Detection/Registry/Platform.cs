using System.Diagnostics.CodeAnalysis;

namespace Dockward.Core.Detection.Registry;

/// <summary>
/// An OCI platform (os, architecture, variant), always held normalised so that two spellings of one platform
/// compare equal: <c>linux/aarch64/v8</c> is <c>linux/arm64</c>, <c>linux/arm</c> is <c>linux/arm/v7</c>.
/// </summary>
internal sealed record Platform
{
    private Platform(string os, string architecture, string? variant)
    {
        Os = os;
        Architecture = architecture;
        Variant = variant;
    }

    public string Os { get; }

    public string Architecture { get; }

    /// <summary>The CPU variant (<c>v7</c>, <c>v9</c>), or null when the architecture has none or its default.</summary>
    public string? Variant { get; }

    /// <summary><c>unknown/unknown</c>: what BuildKit writes on attestation manifests, never a runnable platform.</summary>
    public bool IsUnknown => Os == "unknown" && Architecture == "unknown";

    /// <summary>The normalised platform for these parts; null when os or architecture is missing or not a plain word.</summary>
    public static Platform? Of(string? os, string? architecture, string? variant)
    {
        if (!IsPart(os) || !IsPart(architecture) || (!string.IsNullOrEmpty(variant) && !IsPart(variant)))
        {
            return null;
        }

        var (arch, normalisedVariant) = NormaliseArchitecture(architecture!.ToLowerInvariant(), variant?.ToLowerInvariant() ?? "");
        var normalisedOs = os!.ToLowerInvariant() is "macos" ? "darwin" : os.ToLowerInvariant();
        return new Platform(normalisedOs, arch, normalisedVariant.Length == 0 ? null : normalisedVariant);
    }

    /// <summary>Parses <c>os/architecture[/variant]</c>, e.g. <c>linux/arm64/v8</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Platform? platform)
    {
        platform = null;
        if (string.IsNullOrEmpty(text) || text.Length > 100)
        {
            return false;
        }

        var parts = text.Split('/');
        platform = parts.Length switch
        {
            2 => Of(parts[0], parts[1], null),
            3 when parts[2].Length > 0 => Of(parts[0], parts[1], parts[2]),
            _ => null,
        };
        return platform is not null;
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    // containerd's rules (github.com/containerd/platforms, database.go, normalizeArch), so that a platform the
    // engine reports matches the one an index lists: the default variant of an architecture is no variant
    // (amd64 v1, arm64 v8), and 32-bit arm without a variant is v7.
    private static (string Architecture, string Variant) NormaliseArchitecture(string architecture, string variant) => architecture switch
    {
        "i386" => ("386", ""),
        "x86_64" or "x86-64" or "amd64" => ("amd64", variant == "v1" ? "" : variant),
        "aarch64" or "arm64" => ("arm64", variant switch
        {
            "8" or "v8" or "v8.0" => "",
            "9" or "9.0" or "v9.0" => "v9",
            _ => variant,
        }),
        "armhf" => ("arm", "v7"),
        "armel" => ("arm", "v6"),
        "arm" => ("arm", variant switch
        {
            "" or "7" => "v7",
            "5" or "6" or "8" => "v" + variant,
            _ => variant,
        }),
        _ => (architecture, variant),
    };

    private static bool IsPart(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
