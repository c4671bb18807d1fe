namespace Dockward.Core.Settings;

/// <summary>One setting of a change that breaks its limits, named as the API spells it.</summary>
internal sealed record SettingsError(string Setting, string Message);
