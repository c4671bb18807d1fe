namespace Dockward.Testing;

/// <summary>
/// Builds test images FROM scratch with the host's static busybox (no public registry is reachable here)
/// and pushes them to a test registry with Debian's docker CLI (the legacy builder: DOCKER_BUILDKIT=0).
/// </summary>
public static class TestImages
{
    private const string Docker = "/usr/bin/docker";

    /// <summary>Builds, pushes, and removes the local tag so that using the image means pulling it. Returns the pushed digest.</summary>
    public static async Task<string> PushAsync(RegistryServer registry, string repository, string tag, TestImage image)
    {
        var reference = $"{registry.Host}/{repository}:{tag}";
        var context = Directory.CreateTempSubdirectory("dockward-image-").FullName;
        try
        {
            File.Copy("/bin/busybox", Path.Combine(context, "busybox"));
            var healthcheck = image.Healthcheck is null ? "" : $"HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD {image.Healthcheck}";
            var command = (image.Command ?? TestImage.ServeHttp).Replace("\"", "\\\"", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"""
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                RUN mkdir -p /www /tmp && echo "{image.Version}" > /www/index.html && echo "{image.Version}" > /version
                ENV APP_VERSION={image.Version} PATH=/usr/sbin:/usr/bin:/sbin:/bin
                {ExtraEnv(image)}
                {ExtraLabels(image)}
                EXPOSE 8080
                {healthcheck}
                CMD ["sh", "-c", "{command}"]
                """);

            await BuildAsync(reference, context);
            var push = await RunAsync("push", reference);
            await RunAsync("rmi", reference);
            var digest = push.Split([' ', '\n']).FirstOrDefault(word => word.StartsWith("sha256:", StringComparison.Ordinal));
            return digest ?? throw new InvalidOperationException($"docker push printed no digest: {push}");
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>
    /// The legacy builder shares cached layers with every other build on the engine: another test run removing
    /// its images can pull a cached layer away mid-build ("no such file", "unable to find image", "No such image").
    /// Such a build
    /// is simply run again; any other failure is reported at once.
    /// </summary>
    private static async Task BuildAsync(string reference, string context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync("build", "-q", "-t", reference, context);
                return;
            }
            catch (InvalidOperationException e) when (attempt < 3
                && LostACachedLayer(e.Message))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
        }
    }

    private static bool LostACachedLayer(string message) =>
        message.Contains("no such file or directory", StringComparison.OrdinalIgnoreCase)
        || message.Contains("unable to find image", StringComparison.OrdinalIgnoreCase)
        || message.Contains("no such image", StringComparison.OrdinalIgnoreCase);

    /// <summary>The image's own <c>ENV</c> line, values quoted; empty when it has none.</summary>
    private static string ExtraEnv(TestImage image) => image.Env is not { Count: > 0 } env
        ? ""
        : "ENV " + string.Join(' ', env.Select(kv => $"{kv.Key}=\"{kv.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""));

    /// <summary>The image's own <c>LABEL</c> line, keys and values quoted; empty when it has none.</summary>
    private static string ExtraLabels(TestImage image) => image.Labels is not { Count: > 0 } labels
        ? ""
        : "LABEL " + string.Join(' ', labels.Select(kv => $"{Quoted(kv.Key)}={Quoted(kv.Value)}"));

    // As ExtraEnv quotes its values: the Dockerfile's double-quoted string, backslash and quote escaped.
    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static async Task<string> RunAsync(params string[] arguments)
    {
        await using var process = ServerProcess.Start(Docker, arguments, new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "0" });
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return exit == 0 ? process.Output : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({exit}): {process.Output}");
    }
}
