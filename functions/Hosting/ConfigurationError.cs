using Microsoft.Extensions.Options;

namespace Dockward.Functions.Hosting;

/// <summary>Recognises a start-up failure caused by a setting and words it as one line naming the key.</summary>
internal static class ConfigurationError
{
    /// <summary>The message, or null when <paramref name="error"/> is not about configuration.</summary>
    public static string? Describe(Exception error) => error switch
    {
        HostConfigurationException bad => bad.Message,
        OptionsValidationException invalid => string.Join(" ", invalid.Failures.Select(OnlyTheMessage)),
        AggregateException many when many.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join(" ", many.InnerExceptions.Select(e => Describe(e))),
        // The configuration binder: "Failed to convert configuration value 'x' at 'Policy:DefaultMode' to type …".
        InvalidOperationException binder when binder.Message.Contains("configuration value", StringComparison.Ordinal) => binder.Message,
        // host.json itself is not valid JSON.
        InvalidDataException or FormatException => error.Message,
        _ => null,
    };

    /// <summary>DataAnnotations wraps our message ("… with the error: '&lt;message&gt;'."); the message alone names the key.</summary>
    private static string OnlyTheMessage(string failure)
    {
        const string marker = "with the error: '";
        var at = failure.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? failure : failure[(at + marker.Length)..].TrimEnd('.').TrimEnd('\'');
    }
}
