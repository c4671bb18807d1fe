using Docker.DotNet.Models;
using Dockward.Agent.SelfUpdate;
using Dockward.Testing;

namespace Dockward.Agent.Tests.SelfUpdate;

/// <summary>
/// The agent tells the container it runs in from its mount table: Docker mounts the container's own hostname,
/// hosts and resolv.conf from the container's directory. Read from a real container on the real engine.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Update")]
public sealed class OwnContainerTests(Servers servers) : IAsyncLifetime
{
    private readonly DockerScope scope = new("own");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task A_process_in_a_container_finds_that_containers_id_in_its_mount_table()
    {
        var repository = scope.Prefix + "/app";
        await TestImages.PushAsync(servers.Registry, repository, "latest", TestImage.Plain($"1.0-{scope.Prefix}"));
        await DockerHost.PullAsync(scope.Docker, $"{servers.Registry.Host}/{repository}", "latest");
        var created = await scope.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = scope.Prefix + "mounts",
            Image = $"{servers.Registry.Host}/{repository}:latest",
            Cmd = ["cat", "/proc/self/mountinfo"],
        });
        await scope.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        (await scope.Docker.Containers.WaitContainerAsync(created.ID)).StatusCode.ShouldBe(0);
        using var logs = await scope.Docker.Containers.GetContainerLogsAsync(created.ID, tty: false, new ContainerLogsParameters { ShowStdout = true });
        var (mountInfo, _) = await logs.ReadOutputToEndAsync(CancellationToken.None);

        OwnContainer.FromMountInfo(mountInfo).ShouldBe(created.ID, mountInfo);
    }

    [Fact]
    public void A_mount_table_without_dockers_own_files_names_no_container()
    {
        // A host's table (Debian 12, cgroup v2): no /etc/hostname bind mount at all.
        const string host = """
            22 28 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            28 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
            30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
            """;

        OwnContainer.FromMountInfo(host).ShouldBeNull();
        OwnContainer.FromMountInfo("").ShouldBeNull();
    }

    [Fact]
    public void A_volume_from_another_containers_directory_is_not_taken_for_the_agents_own_container()
    {
        // Only the files Docker manages for the container itself count, not a bind mount that happens to come
        // from under /var/lib/docker/containers (a log shipper's mount, say).
        var other = new string('a', 64);
        var table = $"""
            1146 1057 0:62 / / rw,relatime master:310 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X
            1170 1146 8:1 /var/lib/docker/containers/{other}/hostname /logs/hostname rw,relatime - ext4 /dev/sda1 rw
            1171 1146 8:1 /var/lib/docker/containers/{other} /var/lib/docker/containers/{other} rw,relatime - ext4 /dev/sda1 rw
            """;

        OwnContainer.FromMountInfo(table).ShouldBeNull();
    }

    [Fact]
    public void Lines_cut_short_or_with_a_malformed_id_are_passed_over()
    {
        var table = """
            1166 1146 8:1
            1167 1146 8:1 /var/lib/docker/containers/not-an-id/hostname /etc/hostname rw - ext4 /dev/sda1 rw
            1168 1146 8:1 /var/lib/docker/containers/ABCDEF/hosts /etc/hosts rw - ext4 /dev/sda1 rw
            """;

        OwnContainer.FromMountInfo(table).ShouldBeNull();
    }
}
