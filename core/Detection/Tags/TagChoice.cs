namespace Dockward.Core.Detection.Tags;

/// <summary>
/// The answer of <see cref="NewerTagFinder"/>: the tag to move to, or <c>null</c> with the reason
/// there is none (the current tag is not a version, or nothing newer fits the policy).
/// </summary>
internal sealed record TagChoice(string? Tag, string Reason);
