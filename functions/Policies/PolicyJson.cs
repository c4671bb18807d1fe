using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Dockward.Functions.Hosting;

namespace Dockward.Functions.Policies;

/// <summary>
/// Policies as JSON: camelCase, durations as text, unset settings left out; and reading a body so that every way
/// it can be wrong names the setting: an unknown property is a 400 (a typo is never dropped silently), a value a
/// setting cannot take is a 422 with <c>errors</c>.
/// </summary>
internal static partial class PolicyJson
{
    private const long MaxBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Allowed values of the settings whose default conversion error would not say them.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["mode"] = "one of auto, scheduled, manual, monitor",
        ["track"] = "one of digest, patch, minor, major",
        ["strategy"] = "one of stop-first, start-first, blue-green",
        ["rollout"] = "one of none, rolling, canary",
        ["rollbackScope"] = "one of failed, group",
        ["enabled"] = "true or false",
        ["prerelease"] = "true or false",
        ["locked"] = "true or false",
        ["canaryCount"] = "a whole number",
        ["canaryPercent"] = "a whole number",
        ["skip"] = "an array of tags or digests",
        ["windows"] = "an array of {\"cron\",\"length\",\"timeZone\"} objects",
    };

    /// <summary>Reads <typeparamref name="T"/>; <paramref name="settingsPath"/> is where the settings sit (<c>$.settings</c> or <c>$</c>).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string settingsPath, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body may be at most {MaxBytes} bytes."));
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            return value is null ? (null, Problems.BadRequest("The body is empty or null.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ProblemOf(e, settingsPath));
        }
    }

    private static IResult ProblemOf(JsonException e, string settingsPath)
    {
        if (Unmapped().Match(e.Message) is { Success: true } unknown)
        {
            var inSettings = settingsPath == "$" || e.Path?.StartsWith(settingsPath + ".", StringComparison.Ordinal) == true;
            return Problems.BadRequest(inSettings
                ? $"'{unknown.Groups["name"].Value}' is not a policy setting (see docs/policies.md for the list)."
                : $"'{unknown.Groups["name"].Value}' is not a known property: the body is {{\"settings\": {{…}}, \"locked\": false, \"version\": \"…\"}}.");
        }

        if (SettingOf(e.Path, settingsPath) is not { } setting)
        {
            return Problems.BadRequest($"The body is not valid JSON for a policy: {Plain(e.Message)}");
        }

        // Our converters throw with a message meant for people; System.Text.Json's own messages name .NET types.
        var message = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) || e.InnerException is not null
            ? $"{setting} must be {Expected.GetValueOrDefault(setting, "a value of the right type")}"
            : $"{setting}: {e.Message}";
        return PolicyProblems.Invalid([new Core.Policies.PolicyError(setting, message)]);
    }

    /// <summary>The setting a JSON path points into (<c>$.settings.windows[0]</c> → <c>windows</c>), or null.</summary>
    private static string? SettingOf(string? path, string settingsPath)
    {
        if (path is null)
        {
            return null;
        }

        if (path == "$.locked")
        {
            return "locked";
        }

        var prefix = settingsPath + ".";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[prefix.Length..].Split('.', '[')[0];
        return name.Length > 0 ? name : null;
    }

    private static string Plain(string message) => message.Split(" Path:", 2)[0];

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Unmapped();
}
