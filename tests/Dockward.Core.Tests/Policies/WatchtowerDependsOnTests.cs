using Dockward.Core.Policies.Labels;
using Dockward.Core.Updates;

namespace Dockward.Core.Tests.Policies;

/// <summary>Watchtower's depends-on label orders an agent's pending jobs as compose depends_on does.</summary>
[Trait("Area", "Policy")]
public sealed class WatchtowerDependsOnTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_container_waits_for_the_jobs_of_the_containers_it_depends_on()
    {
        var labels = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["app"] = new Dictionary<string, string> { [WatchtowerLabels.DependsOn] = "db,cache" },
        };
        var jobs = new[] { Job("app", 1), Job("cache", 2), Job("db", 3) };

        var order = ComposeOrder.Order(jobs, j => labels.GetValueOrDefault(j.ContainerName));

        order.Select(j => j.ContainerName).ShouldBe(["cache", "db", "app"]);
    }

    [Fact]
    public void A_dependency_of_the_same_name_on_another_host_is_not_waited_for()
    {
        var labels = new Dictionary<string, string> { [WatchtowerLabels.DependsOn] = "db" };
        var jobs = new[] { Job("app", 1), Job("db", 2, agent: "other-host") };

        var order = ComposeOrder.Order(jobs, j => j.ContainerName == "app" ? labels : null);

        order.Select(j => j.ContainerName).ShouldBe(["app", "db"]);
    }

    private static UpdateJob Job(string container, int minute, string agent = "agent")
    {
        var created = Start.AddMinutes(minute);
        return new UpdateJob(
            UpdateJob.NewId(created), agent, container, $"registry.example/{container}:1", "sha256:" + new string('b', 64), null,
            JobState.Pending, Triggers.Timer, FailedStep: null, Reason: null, Steps: [], created, created);
    }
}
