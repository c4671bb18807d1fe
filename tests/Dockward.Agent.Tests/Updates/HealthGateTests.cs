using Docker.DotNet.Models;
using Dockward.Agent.Updates;
using Dockward.Contracts;
using Dockward.Testing;

namespace Dockward.Agent.Tests.Updates;

/// <summary>The health gate on its own, watching real containers on the engine.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class HealthGateTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("gate");
    private string image = null!;

    public async Task InitializeAsync()
    {
        var repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain("1.0-" + scope.Prefix));
        image = $"{servers.Registry.Host}/{repository}:latest";
        await DockerHost.PullAsync(scope.Docker, $"{servers.Registry.Host}/{repository}", "latest");
    }

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Gives_up_on_a_container_whose_healthcheck_is_still_starting_when_its_budget_runs_out()
    {
        // A start period of an hour: failing probes do not count yet, so the engine keeps it "starting" for
        // the whole budget; the fake clock lets the gate live through that hour in a few seconds.
        var startedAt = DateTimeOffset.UtcNow;
        var id = await StartAsync(new HealthConfig
        {
            Test = ["CMD-SHELL", "echo warming up; exit 1"],
            Interval = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 2,
            StartPeriod = (long)TimeSpan.FromHours(1).TotalNanoseconds,
        });
        var gate = new HealthGate(scope.Docker, new FakeSteppingClock(TimeSpan.FromMinutes(1)));

        var reason = await gate.WaitAsync(id, new HealthGateSettings(MonitorWindowSeconds: 5, HealthTimeoutSeconds: 15), startedAt, CancellationToken.None);

        reason.ShouldNotBeNull().ShouldContain("not healthy within 3615 s (its HEALTHCHECK timing of 3600 s plus a 15 s margin); still starting");
        (await scope.Docker.Containers.InspectContainerAsync(id)).State.Health.Status.ShouldBe("starting", "the engine itself never called it healthy or unhealthy");
    }

    private async Task<string> StartAsync(HealthConfig healthcheck)
    {
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "gated",
            Image = image,
            Healthcheck = healthcheck,
        });
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }
}
