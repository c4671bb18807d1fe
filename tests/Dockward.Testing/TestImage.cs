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
}
