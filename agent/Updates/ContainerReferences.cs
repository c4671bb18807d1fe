using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>
/// Resolves the X of a <c>container:X</c> mode to a container id the way the engine looks a container up:
/// the full id, then a name, then a unique id prefix. Engine 20.10 (API 1.41) stores the full id it resolved at
/// create time, but other engines and older containers may hold the name or a short id, so all three are read.
/// </summary>
internal sealed class ContainerReferences
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> idsByName = new(StringComparer.Ordinal);

    /// <param name="containers">The containers a reference may name; a later one wins a name that two of them held.</param>
    public ContainerReferences(IEnumerable<ContainerInspectResponse> containers)
    {
        foreach (var container in containers)
        {
            ids.Add(container.ID);
            idsByName[container.Name.TrimStart('/')] = container.ID;
        }
    }

    /// <summary>The id <paramref name="reference"/> names, or null when it names none of the containers (or several by prefix).</summary>
    public string? Resolve(string reference)
    {
        var name = reference.TrimStart('/');
        if (ids.Contains(name))
        {
            return name;
        }

        if (idsByName.TryGetValue(name, out var id))
        {
            return id;
        }

        var byPrefix = name.Length == 0 ? [] : ids.Where(i => i.StartsWith(name, StringComparison.Ordinal)).Take(2).ToList();
        return byPrefix.Count == 1 ? byPrefix[0] : null;
    }
}
