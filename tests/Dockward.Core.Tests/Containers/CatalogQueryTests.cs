using Dockward.Core.Agents;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Containers;

[Trait("Area", "Api")]
public sealed class CatalogQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(90);
    private static readonly string Digest = "sha256:" + new string('a', 64);
    private static readonly string NewDigest = "sha256:" + new string('b', 64);

    private readonly PolicyResolver resolver = new(Options.Create(new DetectionOptions()), Options.Create(new PolicyOptions()));

    [Fact]
    public void The_search_finds_a_text_in_the_name_the_image_or_a_label_whatever_its_case()
    {
        var snapshot = Snapshot(
            Container("alpha", "web", image: "registry.example/shop/frontend:1"),
            Container("alpha", "db", labels: ("owner", "Blue-Team")),
            Container("beta", "cache"));

        Names(snapshot, Query() with { Search = "frontend" }).ShouldBe(["web"]);
        Names(snapshot, Query() with { Search = "blue-team" }).ShouldBe(["db"]);
        Names(snapshot, Query() with { Search = "owner=" }).ShouldBe(["db"]);
        Names(snapshot, Query() with { Search = "cach" }).ShouldBe(["cache"]);
    }

    [Fact]
    public void The_containers_of_an_offline_agent_are_unknown_and_keep_what_it_last_reported()
    {
        var snapshot = Snapshot(Container("alpha", "web"), Container("gone", "db", state: "exited"));

        var page = snapshot.Query(Query(), Now, OfflineAfter);

        var db = page.Items.Single(i => i.Name == "db");
        db.State.ShouldBe("unknown");
        db.ReportedState.ShouldBe("exited");
        page.Items.Single(i => i.Name == "web").State.ShouldBe("running");
        Names(snapshot, Query() with { StatesIn = new HashSet<string> { "unknown" } }).ShouldBe(["db"]);
        Names(snapshot, Query() with { StatesIn = new HashSet<string> { "exited" } }).ShouldBeEmpty();
    }

    [Fact]
    public void A_container_unchanged_since_an_earlier_report_shows_its_agents_last_report_as_reported()
    {
        // The store rewrites a container only when it changed; every report of its agent still reported it.
        var snapshot = Snapshot(Container("alpha", "web") with { ReportedAt = Now.AddHours(-2) }, Container("gone", "db") with { ReportedAt = Now.AddHours(-3) });

        var items = snapshot.Query(Query() with { Sort = ["-reported"] }, Now, OfflineAfter).Items;

        items.Select(i => (i.Name, i.ReportedAt)).ShouldBe([("web", Now.AddSeconds(-10)), ("db", Now.AddHours(-3))]);
    }

    [Fact]
    public void Filters_by_host_health_update_mode_group_management_and_label_all_must_hold()
    {
        var snapshot = Snapshot(
            Container("alpha", "web", health: "healthy", labels: [("dockward.enable", "true"), ("dockward.group", "shop"), ("dockward.update", "manual")]),
            Container("alpha", "api", health: "unhealthy", digest: NewDigest, labels: [("dockward.enable", "true"), ("dockward.group", "shop"), ("tier", "back")]),
            Container("beta", "worker", labels: ("tier", "back")));

        Names(snapshot, Query() with { AgentId = "beta" }).ShouldBe(["worker"]);
        Names(snapshot, Query() with { HealthIn = new HashSet<string> { "none" } }).ShouldBe(["worker"]);
        Names(snapshot, Query() with { HealthIn = new HashSet<string> { "healthy", "unhealthy" } }).ShouldBe(["api", "web"]);
        Names(snapshot, Query() with { UpdateAvailable = true }).ShouldBe(["web", "worker"]);
        Names(snapshot, Query() with { UpdateAvailable = false }).ShouldBe(["api"]);
        Names(snapshot, Query() with { Modes = new HashSet<UpdateMode> { UpdateMode.Manual } }).ShouldBe(["web"]);
        Names(snapshot, Query() with { Group = "shop" }).ShouldBe(["api", "web"]);
        Names(snapshot, Query() with { Managed = false }).ShouldBe(["worker"]);
        Names(snapshot, Query() with { Labels = [("tier", null)] }).ShouldBe(["api", "worker"]);
        Names(snapshot, Query() with { Labels = [("tier", "back")], Managed = true }).ShouldBe(["api"]);
        Names(snapshot, Query() with { Labels = [("tier", "front")] }).ShouldBeEmpty();
    }

    [Fact]
    public void A_registration_beats_the_labels_in_the_list()
    {
        var snapshot = Snapshot(
            Container("alpha", "web", labels: ("dockward.enable", "true")) with { Registered = false },
            Container("alpha", "db") with { Registered = true });

        Names(snapshot, Query() with { Managed = true }).ShouldBe(["db"]);
        Names(snapshot, Query() with { Managed = false }).ShouldBe(["web"]);
    }

    [Fact]
    public void Sorting_takes_several_keys_descending_with_a_minus_and_ties_stay_by_host_and_name()
    {
        var snapshot = Snapshot(
            Container("beta", "b", created: Now.AddDays(-1)),
            Container("alpha", "c", created: Now.AddDays(-3)),
            Container("alpha", "a", created: Now.AddDays(-1)),
            Container("beta", "d", state: "exited", created: Now.AddDays(-2)));

        Names(snapshot, Query()).ShouldBe(["a", "c", "b", "d"]);
        Names(snapshot, Query() with { Sort = ["-created"] }).ShouldBe(["a", "b", "d", "c"]);
        Names(snapshot, Query() with { Sort = ["state", "-name"] }).ShouldBe(["d", "c", "b", "a"]);
        Names(snapshot, Query() with { Sort = ["-host"] }).ShouldBe(["b", "d", "a", "c"]);
    }

    [Fact]
    public void A_page_holds_its_share_and_the_total_counts_every_match()
    {
        var snapshot = Snapshot([.. Enumerable.Range(0, 7).Select(i => Container("alpha", $"c{i}"))]);

        var second = snapshot.Query(Query() with { Page = 2, PageSize = 3 }, Now, OfflineAfter);
        var beyond = snapshot.Query(Query() with { Page = 9, PageSize = 3 }, Now, OfflineAfter);

        second.Items.Select(i => i.Name).ShouldBe(["c3", "c4", "c5"]);
        second.Total.ShouldBe(7);
        second.Page.ShouldBe(2);
        second.PageSize.ShouldBe(3);
        beyond.Items.ShouldBeEmpty();
        beyond.Total.ShouldBe(7);
    }

    [Fact]
    public void Ten_thousand_containers_are_searched_filtered_sorted_and_paged_exactly()
    {
        // How fast this is belongs to the api-scale benchmark (docs/benchmarks.md); here, that the answer is right.
        var containers = Enumerable.Range(0, 10_000).Select(i => Container(
            $"agent-{i % 100:D3}", $"app-{i:D5}", state: i % 7 == 0 ? "exited" : "running",
            labels: [("dockward.enable", "true"), ("team", $"team-{i % 13}")])).ToArray();
        var snapshot = Snapshot(containers);
        var query = Query() with { Search = "team-3", StatesIn = new HashSet<string> { "running" }, Sort = ["name"], PageSize = 100 };

        var expected = containers.Where(c => c.Labels["team"] == "team-3" && c.State == "running").Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var second = snapshot.Query(query with { Page = 2 }, Now, OfflineAfter);

        second.Total.ShouldBe(expected.Count);
        second.Items.Select(i => i.Name).ShouldBe(expected.Skip(100).Take(100));
    }

    private static ContainerQuery Query() => new();

    private static List<string> Names(CatalogSnapshot snapshot, ContainerQuery query) =>
        [.. snapshot.Query(query with { PageSize = 500 }, Now, OfflineAfter).Items.Select(i => i.Name)];

    private CatalogSnapshot Snapshot(params ContainerRecord[] containers)
    {
        var agents = new[] { "alpha", "beta" }.Concat(containers.Select(c => c.AgentId).Where(a => a.StartsWith("agent-", StringComparison.Ordinal)))
            .Distinct()
            .ToDictionary(id => id, id => new AgentRecord(id, id + "-host", "hash", "1", "27", Now.AddDays(-9), Now.AddSeconds(-10)));
        var entries = containers
            .Select(c => CatalogEntry.Of(c, agents.TryGetValue(c.AgentId, out var agent) ? agent.Name : c.AgentId, resolver.Resolve(c, PolicyBook.Empty)))
            .Order(CatalogSnapshot.DefaultOrder)
            .ToList();
        var check = new ImageCheckRecord("registry.example/team/app:1", NewDigest, CheckStatus.UpdateAvailable, null, Now);
        return new CatalogSnapshot(entries, agents, new Dictionary<string, ImageCheckRecord> { [check.Image] = check }, Now);
    }

    private static ContainerRecord Container(
        string agentId, string name, string image = "registry.example/team/app:1", string state = "running", string? health = null,
        string? digest = null, DateTimeOffset? created = null, params (string Key, string Value)[] labels) =>
        new(agentId, name, name + "-id", image, "sha256:" + new string('f', 64), [$"registry.example/team/app@{digest ?? Digest}"], state, health,
            labels.ToDictionary(l => l.Key, l => l.Value), created ?? Now.AddDays(-1), Now);
}
