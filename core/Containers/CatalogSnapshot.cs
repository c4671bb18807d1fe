using Dockward.Core.Agents;
using Dockward.Core.Detection;

namespace Dockward.Core.Containers;

/// <summary>
/// Every container with what the list needs, as of one load, sorted by host and name (the default order, so the
/// default list needs no sort). Never changed once made: a reader keeps the one it took while a newer replaces it.
/// </summary>
internal sealed class CatalogSnapshot(
    IReadOnlyList<CatalogEntry> entries,
    IReadOnlyDictionary<string, AgentRecord> agents,
    IReadOnlyDictionary<string, ImageCheckRecord> checks,
    DateTimeOffset loadedAt)
{
    public IReadOnlyList<CatalogEntry> Entries { get; } = entries;

    public IReadOnlyDictionary<string, AgentRecord> Agents { get; } = agents;

    public IReadOnlyDictionary<string, ImageCheckRecord> Checks { get; } = checks;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public static IComparer<CatalogEntry> DefaultOrder { get; } = Comparer<CatalogEntry>.Create((a, b) =>
    {
        var byHost = StringComparer.OrdinalIgnoreCase.Compare(a.Host, b.Host);
        return byHost != 0 ? byHost : StringComparer.Ordinal.Compare(a.Container.Name, b.Container.Name);
    });

    public ImageCheckRecord? CheckOf(CatalogEntry entry) => entry.CheckKey is null ? null : Checks.GetValueOrDefault(entry.CheckKey);

    /// <summary>One page of the containers that pass <paramref name="query"/>, in its order.</summary>
    public ContainerPage Query(ContainerQuery query, DateTimeOffset now, TimeSpan offlineAfter)
    {
        var online = Agents.ToDictionary(a => a.Key, a => AgentPresence.IsOnline(a.Value, now, offlineAfter), StringComparer.Ordinal);
        var rows = Entries
            .Select(e => Item(e, online.GetValueOrDefault(e.Container.AgentId)))
            .Where(i => Matches(i.Entry, i.Item, query));
        var sorted = Sort(rows, query.Sort).ToList();
        var page = sorted.Skip((int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.PageSize)).Take(query.PageSize).Select(i => i.Item).ToList();
        return new ContainerPage(page, sorted.Count, query.Page, query.PageSize);
    }

    /// <summary>The list row of one entry.</summary>
    public ContainerListItem ItemOf(CatalogEntry entry, DateTimeOffset now, TimeSpan offlineAfter) =>
        Item(entry, Agents.TryGetValue(entry.Container.AgentId, out var agent) && AgentPresence.IsOnline(agent, now, offlineAfter)).Item;

    private (CatalogEntry Entry, ContainerListItem Item) Item(CatalogEntry e, bool online)
    {
        var c = e.Container;
        var check = CheckOf(e);
        return (e, new ContainerListItem(
            c.AgentId,
            e.Host,
            c.Name,
            c.Id,
            c.Image,
            e.Tag,
            online ? c.State : "unknown",
            c.State,
            c.Health ?? "none",
            e.Policy.Managed,
            e.Policy.Group,
            e.Policy.Mode,
            e.UpdateAvailable(check),
            check?.RemoteDigest,
            c.Created,
            c.ReportedAt));
    }

    private static bool Matches(CatalogEntry e, ContainerListItem i, ContainerQuery q) =>
        (q.Search is null || e.SearchText.Contains(q.Search, StringComparison.Ordinal))
        && (q.AgentId is null || string.Equals(i.AgentId, q.AgentId, StringComparison.Ordinal))
        && (q.StatesIn is null || q.StatesIn.Contains(i.State))
        && (q.HealthIn is null || q.HealthIn.Contains(i.Health))
        && (q.UpdateAvailable is null || q.UpdateAvailable == i.UpdateAvailable)
        && (q.Modes is null || q.Modes.Contains(i.Mode))
        && (q.Group is null || string.Equals(i.Group, q.Group, StringComparison.Ordinal))
        && (q.Managed is null || q.Managed == i.Managed)
        && q.Labels.All(l => e.Container.Labels.TryGetValue(l.Key, out var value) && (l.Value is null || value == l.Value));

    private static IEnumerable<(CatalogEntry Entry, ContainerListItem Item)> Sort(
        IEnumerable<(CatalogEntry Entry, ContainerListItem Item)> rows, IReadOnlyList<string> keys)
    {
        if (keys is ["host", "name"])
        {
            return rows; // The entries are kept in this order.
        }

        IOrderedEnumerable<(CatalogEntry Entry, ContainerListItem Item)>? ordered = null;
        foreach (var key in keys)
        {
            var descending = key.StartsWith('-');
            ordered = key.TrimStart('-') switch
            {
                "created" => Then(ordered, rows, r => r.Item.Created, Comparer<DateTimeOffset>.Default, descending),
                "reported" => Then(ordered, rows, r => r.Item.ReportedAt, Comparer<DateTimeOffset>.Default, descending),
                var text => Then(ordered, rows, r => TextKey(r.Item, text), StringComparer.OrdinalIgnoreCase, descending),
            };
        }

        // Ties keep the default order: LINQ's sort is stable and the entries are sorted by host and name.
        return ordered ?? rows;
    }

    private static IOrderedEnumerable<T> Then<T, TKey>(
        IOrderedEnumerable<T>? ordered, IEnumerable<T> rows, Func<T, TKey> key, IComparer<TKey> comparer, bool descending) =>
        (ordered, descending) switch
        {
            (null, false) => rows.OrderBy(key, comparer),
            (null, true) => rows.OrderByDescending(key, comparer),
            (_, false) => ordered.ThenBy(key, comparer),
            (_, true) => ordered.ThenByDescending(key, comparer),
        };

    private static string TextKey(ContainerListItem i, string key) => key switch
    {
        "name" => i.Name,
        "image" => i.Image,
        "state" => i.State,
        "health" => i.Health,
        "host" => i.Host,
        "group" => i.Group ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a sort key"),
    };
}
