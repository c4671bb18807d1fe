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

        // Rows are filtered and sorted light; only the page's rows become list items.
        var rows = new List<Row>();
        foreach (var entry in Entries)
        {
            var row = new Row(entry, online.GetValueOrDefault(entry.Container.AgentId), CheckOf(entry), LastReported(entry));
            if (Matches(row, query))
            {
                rows.Add(row);
            }
        }

        var skip = (int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.PageSize);
        var page = Sort(rows, query.Sort).Skip(skip).Take(query.PageSize).Select(r => Item(r)).ToList();
        return new ContainerPage(page, rows.Count, query.Page, query.PageSize);
    }

    /// <summary>The list row of one entry.</summary>
    public ContainerListItem ItemOf(CatalogEntry entry, DateTimeOffset now, TimeSpan offlineAfter) =>
        Item(new Row(
            entry, Agents.TryGetValue(entry.Container.AgentId, out var agent) && AgentPresence.IsOnline(agent, now, offlineAfter), CheckOf(entry), LastReported(entry)));

    /// <summary>
    /// When its agent last reported it: the agent's last report, since every report holds all of its containers (the
    /// store rewrites a container only when it changed).
    /// </summary>
    private DateTimeOffset LastReported(CatalogEntry entry) =>
        Agents.GetValueOrDefault(entry.Container.AgentId)?.LastSeenAt is { } seen && seen > entry.Container.ReportedAt ? seen : entry.Container.ReportedAt;

    private static ContainerListItem Item(Row r)
    {
        var c = r.Entry.Container;
        return new ContainerListItem(
            c.AgentId,
            r.Entry.Host,
            c.Name,
            c.Id,
            c.Image,
            r.Entry.Tag,
            r.State,
            c.State,
            r.Health,
            r.Entry.Policy.Managed,
            r.Entry.Policy.Group,
            r.Entry.Policy.Mode,
            r.UpdateAvailable,
            r.Check?.RemoteDigest,
            c.Created,
            r.ReportedAt);
    }

    private static bool Matches(Row r, ContainerQuery q)
    {
        var e = r.Entry;
        return (q.Search is null || e.SearchText.Contains(q.Search, StringComparison.Ordinal))
            && (q.AgentId is null || string.Equals(e.Container.AgentId, q.AgentId, StringComparison.Ordinal))
            && (q.StatesIn is null || q.StatesIn.Contains(r.State))
            && (q.HealthIn is null || q.HealthIn.Contains(r.Health))
            && (q.Modes is null || q.Modes.Contains(e.Policy.Mode))
            && (q.Group is null || string.Equals(e.Policy.Group, q.Group, StringComparison.Ordinal))
            && (q.Managed is null || q.Managed == e.Policy.Managed)
            && (q.Labels.Count == 0 || q.Labels.All(l => e.Container.Labels.TryGetValue(l.Key, out var value) && (l.Value is null || value == l.Value)))
            && (q.UpdateAvailable is null || q.UpdateAvailable == r.UpdateAvailable);
    }

    private static IEnumerable<Row> Sort(List<Row> rows, IReadOnlyList<string> keys)
    {
        if (keys is ["host", "name"])
        {
            return rows; // The entries are kept in this order.
        }

        IOrderedEnumerable<Row>? ordered = null;
        foreach (var key in keys)
        {
            var descending = key.StartsWith('-');
            ordered = key.TrimStart('-') switch
            {
                "created" => Then(ordered, rows, r => r.Entry.Container.Created, Comparer<DateTimeOffset>.Default, descending),
                "reported" => Then(ordered, rows, r => r.ReportedAt, Comparer<DateTimeOffset>.Default, descending),
                var text => Then(ordered, rows, TextKey(text), StringComparer.OrdinalIgnoreCase, descending),
            };
        }

        // Ties keep the default order: LINQ's sort is stable and the entries are sorted by host and name.
        return ordered ?? (IEnumerable<Row>)rows;
    }

    private static IOrderedEnumerable<T> Then<T, TKey>(
        IOrderedEnumerable<T>? ordered, IEnumerable<T> rows, Func<T, TKey> key, IComparer<TKey> comparer, bool descending) =>
        ordered is null
            ? descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer)
            : descending ? ordered.ThenByDescending(key, comparer) : ordered.ThenBy(key, comparer);

    private static Func<Row, string> TextKey(string key) => key switch
    {
        "name" => r => r.Entry.Container.Name,
        "image" => r => r.Entry.Container.Image,
        "state" => r => r.State,
        "health" => r => r.Health,
        "host" => r => r.Entry.Host,
        "group" => r => r.Entry.Policy.Group ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a sort key"),
    };

    /// <summary>An entry with what the moment adds: whether its agent is online, its image's latest check.</summary>
    private readonly record struct Row(CatalogEntry Entry, bool Online, ImageCheckRecord? Check, DateTimeOffset ReportedAt)
    {
        public string State => Online ? Entry.Container.State : "unknown";

        public string Health => Entry.Container.Health ?? "none";

        public bool UpdateAvailable => Entry.UpdateAvailable(Check);
    }
}
