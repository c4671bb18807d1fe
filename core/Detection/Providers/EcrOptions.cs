using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// The ECR provider's view of the <c>Detection</c> section. Its own options class, so that no provider depends on
/// <see cref="DetectionOptions"/>, whose validator needs the providers' names.
/// </summary>
internal sealed class EcrOptions : IValidatableObject
{
    /// <summary>
    /// <c>Detection:EcrEndpoint</c>: the AWS ECR API address instead of <c>https://api.ecr.&lt;region&gt;.amazonaws.com/</c>,
    /// for tests only (a fake token service). HTTPS, or plain HTTP on a loopback address.
    /// </summary>
    public string? EcrEndpoint { get; set; }

    /// <summary><c>Detection:RequestTimeoutSeconds</c> (validated with the rest of <see cref="DetectionOptions"/>).</summary>
    public int RequestTimeoutSeconds { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(EcrEndpoint) && !IsEndpoint(EcrEndpoint))
        {
            yield return new ValidationResult(
                $"Detection:EcrEndpoint must be an https:// address (or http:// on a loopback address) without query, not '{EcrEndpoint}'.",
                [nameof(EcrEndpoint)]);
        }
    }

    private static bool IsEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)))));
}
