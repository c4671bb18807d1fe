namespace Dockward.Core.Policies;

/// <summary>Every stored policy, read once and looked up by scope: what one scan or request resolves against.</summary>
internal sealed class PolicyBook
{
    private readonly Dictionary<(PolicyScope, string), PolicyRecord> records;

    public PolicyBook(IEnumerable<PolicyRecord> records) =>
        this.records = records.ToDictionary(r => (r.Scope, r.Key));

    public static PolicyBook Empty { get; } = new([]);

    public PolicyRecord? Global => Find(PolicyScope.Global, "");

    public PolicyRecord? Group(string? name) => name is null ? null : Find(PolicyScope.Group, name);

    public PolicyRecord? Container(string agentId, string name) => Find(PolicyScope.Container, PolicyRecord.ContainerKey(agentId, name));

    public static async Task<PolicyBook> ReadAsync(IPolicyStore store, CancellationToken cancellationToken) =>
        new(await store.ListAsync(cancellationToken));

    private PolicyRecord? Find(PolicyScope scope, string key) => records.GetValueOrDefault((scope, key));
}
