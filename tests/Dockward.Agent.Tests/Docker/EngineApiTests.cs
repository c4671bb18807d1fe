using Docker.DotNet.Models;
using Dockward.Agent.Docker;
using Dockward.Testing;
using Version = System.Version;

namespace Dockward.Agent.Tests.Docker;

/// <summary>The agent speaks the highest API version both its engine and its Docker library know, or refuses to start.</summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class EngineApiTests
{
    [Fact]
    public async Task Connects_to_this_machines_engine_at_api_1_41_and_talks_to_it_at_that_version()
    {
        var connection = await DockerEngine.ConnectAsync(DockerHost.Endpoint, CancellationToken.None);
        using var client = connection.Client;

        connection.Api.Version.ShouldBe(new Version(1, 41));
        (await client.Containers.ListContainersAsync(new ContainersListParameters { Limit = 1 })).ShouldNotBeNull();
    }

    [Theory]
    // Engine 20.10 (this machine), 19.03, and engine 25 / 27 answers (docs.docker.com/reference/api/engine/#api-version-matrix).
    [InlineData("1.41", "1.12", "1.41")]
    [InlineData("1.40", "1.12", "1.40")]
    [InlineData("1.44", "1.24", "1.41")]
    [InlineData("1.47", "1.24", "1.41")]
    [InlineData("1.43", null, "1.41")]
    public void Agrees_on_the_highest_version_both_sides_know(string engineMaximum, string? engineMinimum, string agreed)
    {
        var negotiation = EngineApi.Negotiate(new VersionResponse { Version = "x", APIVersion = engineMaximum, MinAPIVersion = engineMinimum });

        negotiation.Problem.ShouldBeNull();
        negotiation.Api.ShouldNotBeNull().ToString().ShouldBe(agreed);
    }

    [Theory]
    [InlineData("1.39", "1.12", "Dockward needs 1.40 or newer")]
    [InlineData("1.24", null, "Dockward needs 1.40 or newer")]
    // Engine 29 raised its minimum to 1.44: no version is left that this library knows.
    [InlineData("1.52", "1.44", "accepts API 1.44 or newer only; this agent's Docker client speaks at most 1.41")]
    [InlineData("", "1.12", "no usable API version")]
    [InlineData("1.x", "1.12", "no usable API version")]
    [InlineData("99999999999.1", "1.12", "no usable API version")]
    [InlineData(null, null, "no usable API version")]
    public void Refuses_an_engine_it_cannot_speak_with_and_says_why(string? engineMaximum, string? engineMinimum, string reason)
    {
        var negotiation = EngineApi.Negotiate(new VersionResponse { Version = "old", APIVersion = engineMaximum, MinAPIVersion = engineMinimum });

        negotiation.Api.ShouldBeNull();
        negotiation.Problem.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Knows_which_forms_each_version_takes()
    {
        var at141 = new EngineApi(new Version(1, 41));
        var at144 = new EngineApi(new Version(1, 44));

        at141.CreatesWithEveryNetwork.ShouldBeFalse();
        at141.TakesEndpointMacAddress.ShouldBeFalse();
        at141.KnowsCgroupnsMode.ShouldBeTrue();
        at144.CreatesWithEveryNetwork.ShouldBeTrue();
        at144.TakesEndpointMacAddress.ShouldBeTrue();
        new EngineApi(new Version(1, 40)).KnowsCgroupnsMode.ShouldBeFalse();
    }
}
