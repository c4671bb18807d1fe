namespace Dockward.Contracts;

/// <summary>One line a container wrote.</summary>
/// <param name="Time">When Docker received it.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line without its line break, cut to <see cref="ReportLimits.LogLineLength"/> characters.</param>
public sealed record LogLine(DateTimeOffset Time, string Stream, string Text);
