using Dockward.Core.Detection.Providers;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Detection;

/// <summary>Checks each registry entry, which DataAnnotations cannot reach inside a list.</summary>
internal sealed class DetectionOptionsValidator(RegistryProviders providers) : IValidateOptions<DetectionOptions>
{
    public ValidateOptionsResult Validate(string? name, DetectionOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Registries.Count; i++)
        {
            var host = options.Registries[i].Host;
            // A host as image references write it: "registry.example.com:5000", never a URL.
            if (string.IsNullOrWhiteSpace(host) || host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"Detection:Registries:{i}:Host must be a registry host as image references name it (e.g. registry.example.com:5000), not '{host}'.");
            }

            if (string.IsNullOrEmpty(options.Registries[i].Username) != string.IsNullOrEmpty(options.Registries[i].Password))
            {
                errors.Add($"Detection:Registries:{i} needs both Username and Password, or neither.");
            }

            if (options.Registries[i].Provider is { } provider && !string.IsNullOrWhiteSpace(provider) && !providers.IsKnown(provider))
            {
                errors.Add($"Detection:Registries:{i}:Provider must be one of {string.Join(", ", providers.Names)} (or empty to go by the host), not '{provider}'.");
            }
        }

        for (var i = 0; i < options.TokenRealms.Count; i++)
        {
            var trust = options.TokenRealms[i];
            if (string.IsNullOrWhiteSpace(trust.Registry) || trust.Registry.Contains("://", StringComparison.Ordinal) || trust.Registry.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"Detection:TokenRealms:{i}:Registry must be a registry host as image references name it (e.g. registry.example.com:5000), not '{trust.Registry}'.");
            }

            // A bare host name: the realm URL's scheme, port and path are the challenge's business.
            if (Uri.CheckHostName(trust.RealmHost) == UriHostNameType.Unknown)
            {
                errors.Add($"Detection:TokenRealms:{i}:RealmHost must be a host name without scheme, port or path (e.g. auth.example.com), not '{trust.RealmHost}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
