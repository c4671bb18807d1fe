using Dockward.Contracts;
using Dockward.Core.Containers.Config;

namespace Dockward.Functions.Tests.Containers;

/// <summary>The preview of an edit against a container whose agent reported its details: what changes, and what it becomes.</summary>
[Trait("Area", "Api")]
public sealed class ConfigEditPreviewTests
{
    private static readonly ContainerDetails Details = new(
        Ports: [new PortMapping(8080, "tcp", "127.0.0.1", 8081), new PortMapping(9000, "udp", null, null)],
        Mounts: [new MountInfo("volume", "data", "/data", false), new MountInfo("tmpfs", null, "/run", false)],
        Networks: [],
        Env: ["PATH=/bin", "API_TOKEN=abc123", "DATABASE_URL=postgres://app:hunter2@db/app", "MODE=slow"],
        RestartPolicy: new RestartPolicySpec("unless-stopped"),
        HealthOutput: null, HealthExitCode: null, HealthCheckedAt: null, StartedAt: null, FinishedAt: null, ExitCode: null, RestartCount: 0,
        Command: null, Entrypoint: null);

    private static readonly Dictionary<string, string> Labels = new() { ["team"] = "blue" };

    [Fact]
    public void Env_edits_keep_the_order_mask_secret_looking_values_and_only_real_changes_are_listed()
    {
        var change = new ConfigChange(Env: new Dictionary<string, string?> { ["MODE"] = "fast", ["API_TOKEN"] = "xyz", ["PATH"] = "/bin", ["NEW"] = "1", ["GONE"] = null });

        var preview = ConfigPreviewer.Preview(Details, Labels, change, revealSecrets: false);

        preview.Changes.Select(c => $"{c.Key}: {c.Before} -> {c.After}").ShouldBe(["MODE: slow -> fast", "API_TOKEN: •••••• -> ••••••", "NEW:  -> 1"]);
        preview.Proposed.Env.ShouldNotBeNull().Select(e => $"{e.Name}={e.Value}")
            .ShouldBe(["PATH=/bin", "API_TOKEN=••••••", "DATABASE_URL=••••••", "MODE=fast", "NEW=1"]);
        preview.Current.Env.ShouldNotBeNull().Single(e => e.Name == "DATABASE_URL").Masked.ShouldBeTrue("a URL with a password in it is a secret too");

        var asAdmin = ConfigPreviewer.Preview(Details, Labels, change, revealSecrets: true);
        asAdmin.Proposed.Env.ShouldNotBeNull().Single(e => e.Name == "API_TOKEN").Value.ShouldBe("xyz");
    }

    [Fact]
    public void Ports_and_mounts_are_replaced_whole_with_tmpfs_kept_and_the_restart_policy_compared()
    {
        var change = new ConfigChange(
            Ports: [new PortMapping(8080, "tcp", "127.0.0.1", 9090)],
            Mounts: [new MountInfo("bind", "/srv/data", "/data", true)],
            RestartPolicy: new RestartPolicySpec("unless-stopped"));

        var preview = ConfigPreviewer.Preview(Details, Labels, change, revealSecrets: false);

        preview.Changes.Select(c => $"{c.Part} {c.Key}: {c.Before} -> {c.After}").ShouldBe(
        [
            "ports 8080/tcp: 127.0.0.1:8081 -> 127.0.0.1:9090",
            "ports 9000/udp: exposed -> ",
            "mounts /data: volume data -> bind /srv/data (read-only)",
        ]);
        preview.Proposed.Mounts.ShouldNotBeNull().Select(m => m.Destination).ShouldBe(["/run", "/data"]);
        preview.Proposed.RestartPolicy.ShouldBe(new RestartPolicySpec("unless-stopped"));
    }

    [Fact]
    public void The_audit_summary_names_what_changes_but_never_an_env_value()
    {
        var summary = ConfigPreviewer.Summary(new ConfigChange(
            Env: new Dictionary<string, string?> { ["API_TOKEN"] = "xyz", ["OLD"] = null },
            RestartPolicy: new RestartPolicySpec("on-failure", 3)));

        summary.ShouldBe("env API_TOKEN, -OLD; restart policy on-failure:3");
    }
}
