using Dockward.Core.Containers;
using Dockward.Core.Policies;

namespace Dockward.Core.Tests.Containers;

[Trait("Area", "Api")]
public sealed class ContainerQueryTests
{
    [Fact]
    public void No_parameters_ask_for_the_first_page_of_fifty_by_host_and_name()
    {
        var (query, error) = Parse();

        error.ShouldBeNull();
        query.ShouldNotBeNull();
        query.Page.ShouldBe(1);
        query.PageSize.ShouldBe(50);
        query.Sort.ShouldBe(["host", "name"]);
        query.StatesIn.ShouldBeNull();
    }

    [Fact]
    public void Repeated_and_comma_separated_values_are_read_as_one_set()
    {
        var (query, _) = Parse(("state", "running,exited"), ("state", "Unknown"), ("mode", "auto"), ("mode", "manual"), ("label", "team=blue"), ("label", "tier"));

        query.ShouldNotBeNull();
        query.StatesIn.ShouldBe(["running", "exited", "unknown"], ignoreOrder: true);
        query.Modes.ShouldBe([UpdateMode.Auto, UpdateMode.Manual], ignoreOrder: true);
        query.Labels.ShouldBe([("team", "blue"), ("tier", null)]);
    }

    [Theory]
    [InlineData("state", "sleeping", "state 'sleeping'")]
    [InlineData("health", "ok", "health 'ok'")]
    [InlineData("update", "yes", "update 'yes'")]
    [InlineData("mode", "often", "mode 'often'")]
    [InlineData("managed", "maybe", "managed 'maybe'")]
    [InlineData("sort", "colour", "sort 'colour'")]
    [InlineData("sort", "name,-size", "sort '-size'")]
    [InlineData("page", "0", "page '0'")]
    [InlineData("pageSize", "10000", "pageSize '10000'")]
    [InlineData("pageSize", "0", "pageSize '0'")]
    [InlineData("pageSize", "ten", "pageSize 'ten'")]
    [InlineData("label", "=blue", "label needs a key")]
    public void A_bad_value_is_refused_naming_the_parameter(string name, string value, string named)
    {
        var (query, error) = Parse((name, value));

        query.ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith(named);
    }

    private static (ContainerQuery? Query, string? Error) Parse(params (string Name, string Value)[] parameters) =>
        ContainerQuery.Parse(name => parameters.Where(p => p.Name == name).Select(p => p.Value).ToList());
}
