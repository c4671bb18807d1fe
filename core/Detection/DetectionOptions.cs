using System.ComponentModel.DataAnnotations;
using Dockward.Core.Detection.Auth;

namespace Dockward.Core.Detection;

/// <summary>Which containers are watched and how registries are reached. Bound from <c>Detection</c>.</summary>
internal sealed class DetectionOptions
{
    public const string Section = "Detection";

    /// <summary>Manage every container, not only those labelled <c>dockward.enable=true</c> (a label <c>=false</c> still opts out).</summary>
    public bool ManageAllContainers { get; set; }

    /// <summary>Credentials and transport per registry host; registries not listed are asked anonymously over HTTPS.</summary>
    public List<RegistryCredential> Registries { get; set; } = [];

    /// <summary>How many registry requests one scan makes at once.</summary>
    [Range(1, 64, ErrorMessage = "Detection:MaxConcurrentChecks must be between 1 and 64.")]
    public int MaxConcurrentChecks { get; set; } = 4;

    /// <summary>How many requests may be in flight to one registry host at once.</summary>
    [Range(1, 32, ErrorMessage = "Detection:MaxConcurrentPerRegistry must be between 1 and 32.")]
    public int MaxConcurrentPerRegistry { get; set; } = 4;

    /// <summary>
    /// How often an image is checked when no policy of its containers sets a check interval. The scan timer runs every
    /// minute; an image is checked when the shortest interval among its containers has passed since its last check.
    /// </summary>
    [Range(60, 86400, ErrorMessage = "Detection:CheckIntervalSeconds must be between 60 and 86400.")]
    public int CheckIntervalSeconds { get; set; } = 300;

    /// <summary>Per-request timeout for registry calls, in seconds.</summary>
    [Range(1, 300, ErrorMessage = "Detection:RequestTimeoutSeconds must be between 1 and 300.")]
    public int RequestTimeoutSeconds { get; set; } = 20;

    /// <summary>How long each image's check history is kept, in days; the latest result of every image stays regardless.</summary>
    [Range(1, 3650, ErrorMessage = "Detection:HistoryRetentionDays must be between 1 and 3650.")]
    public int HistoryRetentionDays { get; set; } = 30;

    /// <summary>
    /// Token realm hosts that may receive a registry's credentials besides the registry's own host
    /// (those a registry's provider documents are built in: <see cref="Providers.IRegistryProvider.TrustsRealm"/>,
    /// e.g. Docker Hub's auth.docker.io and GitLab.com's gitlab.com).
    /// A realm on any other host gets an anonymous token request.
    /// </summary>
    public List<TokenRealmTrust> TokenRealms { get; set; } = [];
}
