namespace Dockward.Core.Policies;

/// <summary>What a container's labels say about its policy.</summary>
/// <param name="LabelOf">For each setting the labels gave (by its JSON name, e.g. <c>mode</c>), the label that gave it.</param>
/// <param name="Problems">Labels that could not be read and what was done instead.</param>
/// <param name="Group">The group the labels put the container in (<c>dockward.group</c>, else the compose project).</param>
internal sealed record LabelPolicy(
    PolicySettings Settings,
    IReadOnlyDictionary<string, string> LabelOf,
    IReadOnlyList<string> Problems,
    string? Group);
