using System.Text.RegularExpressions;

namespace Dockward.Agent.SelfUpdate;

/// <summary>
/// The Docker container the agent runs in, if it runs in one. Docker bind-mounts the container's own
/// <c>hostname</c>, <c>hosts</c> and <c>resolv.conf</c> from <c>/var/lib/docker/containers/&lt;id&gt;/</c>, and
/// <c>/proc/self/mountinfo</c> shows that source path on cgroup v1 and v2 alike (unlike <c>/proc/self/cgroup</c>,
/// which is just <c>0::/</c> under a private cgroup namespace).
/// </summary>
internal sealed partial class OwnContainer
{
    private const string MountInfo = "/proc/self/mountinfo";

    // A container's mount table is a few dozen lines; anything far larger is not read whole.
    private const int MaxBytes = 1 << 20;

    private static readonly string[] DockerManagedFiles = ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"];

    private OwnContainer(string? id) => Id = id;

    /// <summary>The container's full id, or null when the agent does not run in a Docker container.</summary>
    public string? Id { get; }

    /// <summary>Reads this process's mount table; not in a container (or no such file) gives an empty answer.</summary>
    public static OwnContainer Detect()
    {
        try
        {
            using var file = File.OpenRead(MountInfo);
            var buffer = new byte[MaxBytes];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return new OwnContainer(FromMountInfo(System.Text.Encoding.UTF8.GetString(buffer, 0, read)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OwnContainer(null);
        }
    }

    /// <summary>
    /// The container id in a mount table (<c>/proc/self/mountinfo</c> format: the fourth field is the mount's
    /// root within its filesystem, the fifth where it is mounted), or null when no Docker-managed file is mounted
    /// from a container's directory.
    /// </summary>
    public static string? FromMountInfo(string mountInfo)
    {
        foreach (var line in mountInfo.Split('\n'))
        {
            var fields = line.Split(' ');
            if (fields.Length < 5 || !DockerManagedFiles.Contains(fields[4], StringComparer.Ordinal))
            {
                continue;
            }

            if (ContainerDirectory().Match(fields[3]) is { Success: true } match)
            {
                return match.Groups["id"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex("/containers/(?<id>[0-9a-f]{64})/", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerDirectory();
}
