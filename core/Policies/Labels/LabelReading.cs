namespace Dockward.Core.Policies.Labels;

/// <summary>
/// What the labels of one container said so far, dialect by dialect: the settings, the label that gave each and
/// the labels that could not be read. Dockward's own labels are read first; a foreign dialect only fills the
/// settings they left open (<see cref="Gives"/>).
/// </summary>
internal sealed class LabelReading(IReadOnlyDictionary<string, string> labels)
{
    public PolicySettings Settings { get; private set; } = PolicySettings.Empty;

    public Dictionary<string, string> LabelOf { get; } = new(StringComparer.Ordinal);

    public List<string> Problems { get; } = [];

    /// <summary>Whether a label read before already gave <paramref name="setting"/>.</summary>
    public bool Gives(string setting) => LabelOf.ContainsKey(setting);

    /// <summary>The label's value, trimmed; false when the container does not have it or it is blank.</summary>
    public bool TryGet(string label, out string value)
    {
        value = labels.TryGetValue(label, out var text) ? text.Trim() : "";
        return value.Length > 0;
    }

    /// <summary>Whether the container has the label at all, even blank (a blank answer is still an answer); its value trimmed.</summary>
    public bool Has(string label, out string value)
    {
        var found = labels.TryGetValue(label, out var text);
        value = text?.Trim() ?? "";
        return found;
    }

    /// <summary>Takes <paramref name="setting"/> from <paramref name="label"/>, replacing what an earlier label said.</summary>
    public void Set(string setting, string label, Func<PolicySettings, PolicySettings> set)
    {
        Settings = set(Settings);
        LabelOf[setting] = label;
    }

    /// <summary>A label that could not be read: <paramref name="instead"/> says what is done instead.</summary>
    public void Problem(string label, string value, string why, string instead) =>
        Problems.Add($"{label}='{value}' {why}: {instead}");

    /// <summary>
    /// A label that cannot be read and whose setting, ignored, would let more happen than its owner asked for:
    /// the container is only monitored until it is fixed.
    /// </summary>
    public void Hold(string label, string value, string why)
    {
        Problem(label, value, why, "treated as monitor");
        Set("mode", label, s => s with { Mode = UpdateMode.Monitor });
    }

    /// <summary>
    /// Reads an on/off label into <c>enabled</c>, unless a label read before gave it. Anything but <c>true</c>
    /// leaves the container unmanaged; anything but <c>true</c> or <c>false</c> also says so.
    /// </summary>
    public void Enable(string label)
    {
        if (Gives("enabled") || !Has(label, out var text))
        {
            return;
        }

        var enabled = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
        if (!enabled && !string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            Problem(label, text, "is not true or false", "the container is not managed");
        }

        Set("enabled", label, s => s with { Enabled = enabled });
    }

    /// <summary>The one error <see cref="PolicyValidation"/> finds in a single setting, or null.</summary>
    public static string? Invalid(PolicySettings single) =>
        PolicyValidation.Validate(single) is [var first, ..] ? first.Message : null;
}
