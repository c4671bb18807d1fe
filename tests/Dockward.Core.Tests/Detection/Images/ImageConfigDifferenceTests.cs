using Dockward.Core.Detection.Images;

namespace Dockward.Core.Tests.Detection.Images;

[Trait("Area", "Policy")]
public sealed class ImageConfigDifferenceTests
{
    private static readonly ImageRuntimeConfig Base = ImageRuntimeConfig.Empty with
    {
        Env = ["PATH=/usr/bin:/bin", "APP_VERSION=1.0"],
        Cmd = ["serve", "--port", "8080"],
        ExposedPorts = ["8080/tcp"],
    };

    [Fact]
    public void The_same_defaults_make_no_changes()
    {
        ImageConfigDifference.Between(Details(Base), Details(Base with { Env = [.. Base.Env] })).ShouldBeEmpty();
    }

    [Fact]
    public void Env_changes_are_one_per_variable_added_removed_or_changed_in_name_order()
    {
        var target = Base with { Env = ["TZ=UTC", "APP_VERSION=2.0", "PATH=/usr/bin:/bin"] };
        var current = Base with { Env = [.. Base.Env, "DEBUG=1"] };

        ImageConfigDifference.Between(Details(current), Details(target)).ShouldBe(
        [
            new ConfigChange("env.APP_VERSION", "1.0", "2.0"),
            new ConfigChange("env.DEBUG", "1", null),
            new ConfigChange("env.TZ", null, "UTC"),
        ]);
    }

    [Fact]
    public void A_variable_set_twice_counts_with_its_last_value_as_the_engine_reads_it()
    {
        var current = Base with { Env = ["MODE=a", "MODE=b"] };
        var target = Base with { Env = ["MODE=b"] };

        ImageConfigDifference.Between(Details(current), Details(target)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_field_is_reported_in_one_fixed_order()
    {
        var target = new ImageRuntimeConfig(
            Env: ["NEW=1"],
            Cmd: ["run"],
            Entrypoint: ["/entry.sh"],
            WorkingDir: "/app",
            User: "app",
            ExposedPorts: ["9090/tcp"],
            Volumes: ["/data"],
            StopSignal: "SIGQUIT",
            Healthcheck: new ImageHealthcheck(["CMD", "/health"], TimeSpan.FromMilliseconds(1500), null, TimeSpan.FromSeconds(30), null, 5),
            Shell: ["/bin/bash", "-c"]);

        ImageConfigDifference.Between(Details(ImageRuntimeConfig.Empty), Details(target)).ShouldBe(
        [
            new ConfigChange("env.NEW", null, "1"),
            new ConfigChange("cmd", null, """["run"]"""),
            new ConfigChange("entrypoint", null, """["/entry.sh"]"""),
            new ConfigChange("workdir", null, "/app"),
            new ConfigChange("user", null, "app"),
            new ConfigChange("port.9090/tcp", null, "9090/tcp"),
            new ConfigChange("volume./data", null, "/data"),
            new ConfigChange("stopsignal", null, "SIGQUIT"),
            new ConfigChange("healthcheck", null, """["CMD","/health"] interval=1500ms start-period=30s retries=5"""),
            new ConfigChange("shell", null, """["/bin/bash","-c"]"""),
        ]);
    }

    [Fact]
    public void Ports_and_volumes_are_reported_one_by_one_as_added_or_removed()
    {
        var current = Base with { ExposedPorts = ["8080/tcp", "8443/tcp"], Volumes = ["/cache"] };
        var target = Base with { ExposedPorts = ["8080/tcp", "9090/udp"], Volumes = ["/data"] };

        ImageConfigDifference.Between(Details(current), Details(target)).ShouldBe(
        [
            new ConfigChange("port.8443/tcp", "8443/tcp", null),
            new ConfigChange("port.9090/udp", null, "9090/udp"),
            new ConfigChange("volume./cache", "/cache", null),
            new ConfigChange("volume./data", null, "/data"),
        ]);
    }

    [Fact]
    public void A_command_reads_as_a_json_array_with_its_quotes_and_shell_characters_as_written()
    {
        var target = Base with { Cmd = ["sh", "-c", "echo 'it works' && exec \"$0\""] };

        ImageConfigDifference.Between(Details(Base), Details(target)).ShouldBe(
        [
            new ConfigChange("cmd", """["serve","--port","8080"]""", """["sh","-c","echo 'it works' && exec \"$0\""]"""),
        ]);
    }

    [Fact]
    public void A_healthcheck_turned_off_is_a_change_from_the_check_to_none()
    {
        var current = Base with { Healthcheck = new ImageHealthcheck(["CMD-SHELL", "curl -f localhost"], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), null, null, 3) };
        var target = Base with { Healthcheck = new ImageHealthcheck(["NONE"], null, null, null, null, null) };

        ImageConfigDifference.Between(Details(current), Details(target)).ShouldBe(
        [
            new ConfigChange("healthcheck", """["CMD-SHELL","curl -f localhost"] interval=10s timeout=3s retries=3""", """["NONE"]"""),
        ]);
    }

    private static ImageDetails Details(ImageRuntimeConfig config) =>
        new("sha256:" + new string('1', 64), null, null, null, new Dictionary<string, string>(), config);
}
