using System.Text;
using Dockward.Core.Detection.Images;

namespace Dockward.Core.Tests.Detection.Images;

[Trait("Area", "Policy")]
public sealed class ImageConfigFileTests
{
    [Fact]
    public void Go_zero_time_is_an_unknown_created_date()
    {
        Read("""{"created":"0001-01-01T00:00:00Z","os":"linux","architecture":"amd64"}""").Created.ShouldBeNull();
    }

    [Fact]
    public void A_created_date_with_an_offset_keeps_its_instant()
    {
        Read("""{"created":"2025-01-02T10:00:00+02:00"}""").Created.ShouldBe(new DateTimeOffset(2025, 1, 2, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Nulls_and_empty_values_read_as_absent_defaults()
    {
        var file = Read("""
            {"os":"linux","architecture":"arm64","variant":"v8",
             "config":{"Env":null,"Cmd":[],"Entrypoint":null,"WorkingDir":"","User":"","ExposedPorts":null,"Volumes":null,"Labels":null,"Healthcheck":null,"Shell":null}}
            """);

        file.Config.Env.ShouldBeEmpty();
        file.Config.ExposedPorts.ShouldBeEmpty();
        file.Config.Volumes.ShouldBeEmpty();
        file.Config.ShouldBe(ImageRuntimeConfig.Empty with { Env = file.Config.Env, ExposedPorts = file.Config.ExposedPorts, Volumes = file.Config.Volumes });
        file.Labels.ShouldBeEmpty();
        file.Platform.ShouldNotBeNull().ToString().ShouldBe("linux/arm64");
    }

    [Fact]
    public void A_config_without_a_config_object_has_no_runtime_defaults()
    {
        var file = Read("""{"created":"2025-01-02T10:00:00Z","os":"linux","architecture":"amd64"}""");

        file.Config.ShouldBeSameAs(ImageRuntimeConfig.Empty);
    }

    [Fact]
    public void A_port_without_a_protocol_is_tcp_and_ports_are_sorted()
    {
        Read("""{"config":{"ExposedPorts":{"9090/udp":{},"8080":{}}}}""").Config.ExposedPorts.ShouldBe(["8080/tcp", "9090/udp"]);
    }

    [Fact]
    public void Healthcheck_durations_are_read_from_nanoseconds_and_zero_means_the_engines_default()
    {
        var check = Read("""{"config":{"Healthcheck":{"Test":["CMD","/bin/check"],"Interval":30000000000,"Timeout":0,"StartPeriod":500000000,"Retries":0}}}""")
            .Config.Healthcheck.ShouldNotBeNull();

        check.ShouldBe(check with { Interval = TimeSpan.FromSeconds(30), Timeout = null, StartPeriod = TimeSpan.FromMilliseconds(500), Retries = null });
        check.Test.ShouldBe(["CMD", "/bin/check"]);
    }

    [Fact]
    public void Labels_that_are_not_strings_are_left_out()
    {
        Read("""{"config":{"Labels":{"a":"1","b":2,"c":null}}}""").Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "1" });
    }

    [Theory]
    [InlineData("""[1,2]""", "the image config is not a JSON object")]
    [InlineData("""{"config":"none"}""", "the image config's 'config' is not an object")]
    [InlineData("""{"config":{"ExposedPorts":["8080/tcp"]}}""", "the image config is not valid (ExposedPorts is not an object)")]
    [InlineData("""{"config":{"Healthcheck":{"Test":["CMD","x"],"Retries":"3"}}}""", "the image config is not valid (Retries is not a whole number)")]
    [InlineData("""{"created":5}""", "the image config is not valid (created is not a string)")]
    public void A_field_of_the_wrong_shape_is_an_error_naming_it(string json, string error)
    {
        ImageConfigFile.TryRead(Encoding.UTF8.GetBytes(json), out var file, out var why).ShouldBeFalse();

        file.ShouldBeNull();
        why.ShouldBe(error);
    }

    private static ImageConfigFile Read(string json)
    {
        ImageConfigFile.TryRead(Encoding.UTF8.GetBytes(json), out var file, out var error).ShouldBeTrue(error);
        return file!;
    }
}
