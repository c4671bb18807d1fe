using System.Globalization;

namespace Dockward.Agent.Updates;

/// <summary>
/// Whether the images a container ran before are removed once an update of it is final: label
/// <c>dockward.cleanup.keep-images=N</c> keeps the N newest previous images of its repository (0 keeps none)
/// and removes the older ones that no container uses. Without the label every old image stays, for rollbacks
/// by hand.
/// </summary>
internal static class OldImages
{
    public const string KeepLabel = "dockward.cleanup.keep-images";
    private const int MaxKeep = 100;

    /// <summary>How many previous images to keep (null: keep all), or why the label cannot be followed.</summary>
    public static (int? Keep, string? Error) Read(IDictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue(KeepLabel, out var text))
        {
            return (null, null);
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var keep) && keep <= MaxKeep
            ? (keep, null)
            : (null, $"{KeepLabel}='{text}' is not a whole number from 0 to {MaxKeep}");
    }
}
