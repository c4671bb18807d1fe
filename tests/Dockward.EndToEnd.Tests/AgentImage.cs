using Dockward.Testing;

namespace Dockward.EndToEnd.Tests;

/// <summary>
/// The built agent as a container image, made here without a public registry: FROM scratch with the host's own
/// .NET runtime (the <c>dotnet</c> host, hostfxr and Microsoft.NETCore.App), the few glibc and libstdc++ libraries
/// it links against, busybox, and <c>agent/bin/&lt;configuration&gt;/net10.0</c>. Culture data is left out
/// (invariant globalization), as is the LTTng trace provider. Pushed to a test registry with the legacy builder.
/// </summary>
internal static class AgentImage
{
    private const string Docker = "/usr/bin/docker";
    private const string DotnetRoot = "/usr/share/dotnet";
    private const string Libraries = "/lib/x86_64-linux-gnu";

    // ldd of dotnet, libhostfxr, libhostpolicy, libcoreclr, libclrjit and libSystem.*.so on Debian 12.
    private static readonly string[] LinkedLibraries =
        ["libc.so.6", "libdl.so.2", "libgcc_s.so.1", "libm.so.6", "libpthread.so.0", "librt.so.1", "libstdc++.so.6"];

    /// <summary>
    /// Builds and pushes the agent image as <paramref name="repository"/>:<paramref name="tag"/>; returns its
    /// digest. <paramref name="version"/> makes the image distinct; a <paramref name="broken"/> one exits at once.
    /// </summary>
    public static async Task<string> PushAsync(RegistryServer registry, string repository, string tag, string version, bool broken = false)
    {
        var reference = $"{registry.Host}/{repository}:{tag}";
        var context = Directory.CreateTempSubdirectory("dockward-agent-image-").FullName;
        try
        {
            var runtime = Path.Combine(context, "runtime");
            CopyRuntime(runtime);
            CopyDirectory(Path.GetDirectoryName(RepoPaths.AgentDll)!, Path.Combine(context, "app"));
            File.Copy("/bin/busybox", Path.Combine(runtime, "bin", "busybox"));
            var entrypoint = broken
                ? """["/bin/sh", "-c", "echo broken agent release; exit 3"]"""
                : $"""["{DotnetRoot}/dotnet", "Dockward.Agent.dll"]""";
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"""
                FROM scratch
                COPY runtime/ /
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                COPY app/ /app/
                RUN echo "{version}" > /version
                ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_ROOT={DotnetRoot} PATH=/bin
                WORKDIR /app
                ENTRYPOINT {entrypoint}
                """);

            await RunAsync("build", "-q", "-t", reference, context);
            var push = await RunAsync("push", reference);
            await RunAsync("rmi", reference);
            return push.Split([' ', '\n']).FirstOrDefault(word => word.StartsWith("sha256:", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"docker push printed no digest: {push}");
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private static void CopyRuntime(string root)
    {
        var dotnet = Path.Combine(root, DotnetRoot.TrimStart('/'));
        Directory.CreateDirectory(dotnet);
        File.Copy(Path.Combine(DotnetRoot, "dotnet"), Path.Combine(dotnet, "dotnet"));
        CopyDirectory(Path.Combine(DotnetRoot, "host"), Path.Combine(dotnet, "host"));
        CopyDirectory(Path.Combine(DotnetRoot, "shared", "Microsoft.NETCore.App"), Path.Combine(dotnet, "shared", "Microsoft.NETCore.App"));
        foreach (var tracer in Directory.GetFiles(dotnet, "libcoreclrtraceptprovider.so", SearchOption.AllDirectories))
        {
            File.Delete(tracer); // links against liblttng-ust, which the host does not have either
        }

        Directory.CreateDirectory(Path.Combine(root, "lib64"));
        Directory.CreateDirectory(Path.Combine(root, Libraries.TrimStart('/')));
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        // File.Copy follows the symbolic links these names are on the host.
        File.Copy("/lib64/ld-linux-x86-64.so.2", Path.Combine(root, "lib64", "ld-linux-x86-64.so.2"));
        foreach (var library in LinkedLibraries)
        {
            File.Copy(Path.Combine(Libraries, library), Path.Combine(root, Libraries.TrimStart('/'), library));
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        await using var process = ServerProcess.Start(Docker, arguments, new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "0" });
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return exit == 0 ? process.Output : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({exit}): {process.Output}");
    }
}
