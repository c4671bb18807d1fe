namespace Dockward.Core.Policies;

/// <summary>One reason a policy cannot be stored.</summary>
/// <param name="Setting">The setting's JSON name (<c>checkInterval</c>).</param>
/// <param name="Message">What is wrong and what is allowed, for a person to read.</param>
internal sealed record PolicyError(string Setting, string Message);
