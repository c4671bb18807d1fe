using System.Globalization;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>The options of <c>scripts/bench registry-check</c>.</summary>
internal sealed record RegistryCheckOptions(IReadOnlyList<int> Images, IReadOnlyList<AuthMode> Auth)
{
    public const int MaxImages = 10_000;

    public const string Usage = "usage: scripts/bench registry-check [--images 100,1000] [--auth anonymous|token|both]";

    /// <summary>Parses the arguments after the command name; null with <paramref name="error"/> when they are not valid.</summary>
    public static RegistryCheckOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        IReadOnlyList<int> images = [100, 1000];
        IReadOnlyList<AuthMode> auth = [AuthMode.Anonymous, AuthMode.Token];
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--images" when value is not null:
                    var counts = value.Split(',', StringSplitOptions.TrimEntries)
                        .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxImages ? n : (int?)null)
                        .ToList();
                    if (counts.Count == 0 || counts.Any(n => n is null))
                    {
                        error = $"--images takes a comma-separated list of image counts from 1 to {MaxImages}, not '{value}'";
                        return null;
                    }

                    images = [.. counts.Select(n => n!.Value).Distinct().Order()];
                    i++;
                    break;
                case "--auth" when value is not null:
                    IReadOnlyList<AuthMode>? modes = value switch
                    {
                        "anonymous" => [AuthMode.Anonymous],
                        "token" => [AuthMode.Token],
                        "both" => [AuthMode.Anonymous, AuthMode.Token],
                        _ => null,
                    };
                    if (modes is null)
                    {
                        error = $"--auth takes anonymous, token or both, not '{value}'";
                        return null;
                    }

                    auth = modes;
                    i++;
                    break;
                default:
                    error = value is null && args[i] is "--images" or "--auth" ? $"{args[i]} needs a value" : $"unknown option '{args[i]}'";
                    return null;
            }
        }

        error = null;
        return new RegistryCheckOptions(images, auth);
    }
}
