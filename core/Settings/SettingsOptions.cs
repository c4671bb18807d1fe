using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Settings;

/// <summary>Defaults of settings no other options class holds. Bound from <c>Stats</c>.</summary>
internal sealed class SettingsOptions
{
    public const string Section = "Stats";

    /// <summary>How long container stats samples are kept, until an admin saves another value through <c>/api/settings</c>.</summary>
    [Range(1, 168, ErrorMessage = "Stats:RetentionHours must be between 1 and 168.")]
    public int RetentionHours { get; set; } = 24;
}
