using Microsoft.Extensions.Options;

namespace Dockward.Agent;

/// <summary>Recognises a start-up failure caused by a setting and words it as one line naming the key.</summary>
internal static class ConfigurationError
{
    /// <summary>The message, or null when <paramref name="error"/> is not about configuration.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException many when many.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join(" ", many.InnerExceptions.Select(e => Describe(e))),
        // The configuration binder: "Failed to convert configuration value at 'Agent:HeartbeatSeconds' to type …".
        InvalidOperationException binder when binder.Message.Contains("configuration value", StringComparison.Ordinal) => binder.Message,
        _ => null,
    };
}
