using System.Diagnostics.CodeAnalysis;

namespace Dockward.Core.Detection.Tags;

/// <summary>The outcome of <see cref="TagPolicy.Create"/>: a policy, or why the settings cannot make one.</summary>
internal sealed record TagPolicyResult(TagPolicy? Policy, string? Error)
{
    [MemberNotNullWhen(true, nameof(Policy))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Policy is not null;
}
