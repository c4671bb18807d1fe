namespace Dockward.Contracts;

/// <summary>Which log lines a <see cref="CommandKinds.Logs"/> command asks for.</summary>
/// <param name="Tail">At most this many of the newest lines, 1–<see cref="ReportLimits.LogLines"/>.</param>
/// <param name="Since">Only lines written strictly after this moment (a follow's cursor); null for the newest <paramref name="Tail"/>.</param>
/// <param name="Stdout">Include standard output.</param>
/// <param name="Stderr">Include standard error.</param>
public sealed record LogRequest(int Tail, DateTimeOffset? Since, bool Stdout, bool Stderr);
