namespace Dockward.Testing;

/// <summary>What a test image does. Every image is <c>FROM scratch</c> with busybox; <see cref="Version"/> makes its digest distinct.</summary>
/// <param name="Version">Written to /version and /www/index.html and set as APP_VERSION.</param>
/// <param name="Healthcheck">A HEALTHCHECK command (shell form), or null for none.</param>
/// <param name="Command">The shell command the container runs; by default an HTTP server on 8080 that stops cleanly on SIGTERM.</param>
public sealed record TestImage(string Version, string? Healthcheck = null, string? Command = null)
{
    public const string ServeHttp = "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait";

    /// <summary>A good image: serves HTTP, healthy once the server answers.</summary>
    public static TestImage Healthy(string version) => new(version, "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1");

    /// <summary>A good image without a HEALTHCHECK.</summary>
    public static TestImage Plain(string version) => new(version);

    /// <summary>A bad image: the process exits at once with code 3.</summary>
    public static TestImage ExitsAtOnce(string version) => new(version, Command: "echo broken release; exit 3");

    /// <summary>A bad image: runs, but its HEALTHCHECK always fails.</summary>
    public static TestImage NeverHealthy(string version) => new(version, "exit 1");

    /// <summary>Extra <c>ENV</c> of the image, set after its own (so <c>PATH</c> here replaces the default one).</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The image's <c>LABEL</c>s (e.g. <c>org.opencontainers.image.version</c>); none by default.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>
    /// A bad image: healthy at first, then its HEALTHCHECK fails for good two seconds after the first healthy probe
    /// (the probe leaves /tmp/was-healthy; a background loop then deletes the file the probe tests), however slow
    /// the engine is to run that first probe.
    /// </summary>
    public static TestImage TurnsUnhealthy(string version) => new(
        version,
        "test -f /tmp/ok && touch /tmp/was-healthy",
        "touch /tmp/ok; (until [ -f /tmp/was-healthy ]; do sleep 1; done; sleep 2; rm /tmp/ok) & " + ServeHttp);

    /// <summary>A bad image: serves and turns healthy, then exits with code 4 two seconds after the first healthy probe.</summary>
    public static TestImage ExitsAfterTurningHealthy(string version) => new(
        version,
        "wget -q -O /dev/null http://127.0.0.1:8080/ && touch /tmp/was-healthy",
        "httpd -f -p 8080 -h /www & until [ -f /tmp/was-healthy ]; do sleep 1; done; sleep 2; echo giving up; exit 4");

    /// <summary>A bad image without a HEALTHCHECK: serves for about a second, then exits with code 2 (each time a restart policy brings it back).</summary>
    public static TestImage CrashesAfterASecond(string version) => new(version, Command: "httpd -f -p 8080 -h /www & sleep 1; echo crashed; exit 2");

    /// <summary>A bad image without a HEALTHCHECK: serves for about a second, then takes memory until a memory limit has it OOM-killed.</summary>
    public static TestImage RunsOutOfMemory(string version) => new(version, Command: "httpd -f -p 8080 -h /www & sleep 1; tail /dev/zero");
}
