using Dockward.Core.Updates;

namespace Dockward.Core.Tests.Updates;

/// <summary>
/// Pending jobs follow compose <c>depends_on</c>. Label values are as Docker Compose v2 writes them on containers
/// (<c>com.docker.compose.depends_on=db:service_started:false,…</c>); Compose v1 wrote bare service names.
/// </summary>
[Trait("Area", "Update")]
public sealed class ComposeOrderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 13, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> labels = new(StringComparer.Ordinal);

    [Fact]
    public void Jobs_of_containers_outside_compose_go_oldest_first()
    {
        var jobs = new[] { Job("b", 2), Job("a", 1), Job("c", 3) };

        Names(ComposeOrder.Order(jobs, Labels)).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void A_service_waits_for_the_pending_job_of_the_service_it_depends_on_even_when_older()
    {
        Compose("shop-web", "shop", "web", "db:service_healthy:true,cache:service_started:false");
        Compose("shop-db", "shop", "db");
        Compose("shop-cache", "shop", "cache");
        var jobs = new[] { Job("shop-web", 1), Job("shop-db", 2), Job("shop-cache", 3) };

        Names(ComposeOrder.Order(jobs, Labels)).ShouldBe(["shop-db", "shop-cache", "shop-web"]);
    }

    [Fact]
    public void A_chain_of_dependencies_is_followed_to_the_end()
    {
        Compose("front", "p", "front", "api:service_started:false");
        Compose("api", "p", "api", "db:service_healthy:false");
        Compose("db", "p", "db");

        Names(ComposeOrder.Order([Job("front", 1), Job("api", 2), Job("db", 3)], Labels)).ShouldBe(["db", "api", "front"]);
    }

    [Fact]
    public void Bare_service_names_as_older_compose_wrote_them_are_read_too()
    {
        Compose("web", "p", "web", "db, cache");
        Compose("db", "p", "db");
        Compose("cache", "p", "cache");

        Names(ComposeOrder.Order([Job("web", 1), Job("cache", 2), Job("db", 3)], Labels)).ShouldBe(["cache", "db", "web"]);
    }

    [Fact]
    public void Every_replica_of_a_scaled_service_goes_before_the_services_that_depend_on_it()
    {
        Compose("web", "p", "web", "worker:service_started:false");
        Compose("worker-1", "p", "worker");
        Compose("worker-2", "p", "worker");

        Names(ComposeOrder.Order([Job("web", 1), Job("worker-2", 2), Job("worker-1", 3)], Labels)).ShouldBe(["worker-2", "worker-1", "web"]);
    }

    [Fact]
    public void A_service_of_the_same_name_in_another_project_holds_nothing_back()
    {
        Compose("blog-web", "blog", "web", "db:service_started:false");
        Compose("shop-db", "shop", "db");

        Names(ComposeOrder.Order([Job("blog-web", 1), Job("shop-db", 2)], Labels)).ShouldBe(["blog-web", "shop-db"]);
    }

    [Fact]
    public void A_dependency_without_a_pending_job_holds_nothing_back()
    {
        Compose("web", "p", "web", "db:service_started:false");
        Compose("other", "p", "other");

        Names(ComposeOrder.Order([Job("other", 2), Job("web", 1)], Labels)).ShouldBe(["web", "other"]);
    }

    [Fact]
    public void A_cycle_is_broken_by_age()
    {
        Compose("a", "p", "a", "b:service_started:false");
        Compose("b", "p", "b", "a:service_started:false");
        Compose("c", "p", "c", "a:service_started:false");

        Names(ComposeOrder.Order([Job("c", 1), Job("b", 2), Job("a", 3)], Labels)).ShouldBe(["b", "a", "c"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,, ,")]
    [InlineData(":service_started:false")]
    [InlineData("web:service_started:false")]
    [InlineData("nosuch:::::,,::")]
    public void Malformed_or_self_referencing_depends_on_values_fall_back_to_age(string dependsOn)
    {
        Compose("web", "p", "web", dependsOn);
        Compose("db", "p", "db");

        Names(ComposeOrder.Order([Job("web", 1), Job("db", 2)], Labels)).ShouldBe(["web", "db"]);
    }

    [Fact]
    public void An_oversized_depends_on_value_is_not_read()
    {
        Compose("web", "p", "web", "db:service_started:false," + new string('x', 10_000));
        Compose("db", "p", "db");

        Names(ComposeOrder.Order([Job("web", 1), Job("db", 2)], Labels)).ShouldBe(["web", "db"]);
    }

    [Fact]
    public void A_container_missing_from_the_inventory_or_without_a_project_waits_for_nothing()
    {
        labels["web"] = new Dictionary<string, string> { [ComposeOrder.ServiceLabel] = "web", [ComposeOrder.DependsOnLabel] = "db" };
        Compose("db", "p", "db");

        Names(ComposeOrder.Order([Job("web", 1), Job("gone", 2), Job("db", 3)], Labels)).ShouldBe(["web", "gone", "db"]);
    }

    private IReadOnlyDictionary<string, string>? Labels(UpdateJob job) => labels.GetValueOrDefault(job.ContainerName);

    private void Compose(string container, string project, string service, string? dependsOn = null)
    {
        var set = new Dictionary<string, string> { [ComposeOrder.ProjectLabel] = project, [ComposeOrder.ServiceLabel] = service };
        if (dependsOn is not null)
        {
            set[ComposeOrder.DependsOnLabel] = dependsOn;
        }

        labels[container] = set;
    }

    private static IEnumerable<string> Names(IReadOnlyList<UpdateJob> jobs) => jobs.Select(j => j.ContainerName);

    private static UpdateJob Job(string container, int minute)
    {
        var created = Start.AddMinutes(minute);
        return new UpdateJob(
            UpdateJob.NewId(created),
            "agent",
            container,
            $"registry.example/{container}:1",
            "sha256:" + new string('b', 64),
            null,
            JobState.Pending,
            Triggers.Timer,
            FailedStep: null,
            Reason: null,
            Steps: [],
            created,
            created);
    }
}
