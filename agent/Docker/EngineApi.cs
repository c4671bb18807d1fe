using System.Globalization;
using Docker.DotNet.Models;
using Version = System.Version;

namespace Dockward.Agent.Docker;

/// <summary>
/// The Docker Engine API version the agent speaks with its engine: the highest version both the engine and
/// the client library know. Requests built for the engine (see <see cref="Updates.RecreatePlan"/>) ask it
/// which fields and forms that version takes.
/// </summary>
/// <param name="Version">The negotiated version, e.g. 1.41.</param>
internal sealed record EngineApi(Version Version)
{
    /// <summary>
    /// The oldest engine API Dockward supports: 1.40 (Docker 19.03), the first with device requests and the
    /// container fields the recreate plan carries; older engines are refused at start-up.
    /// </summary>
    public static readonly Version Minimum = new(1, 40);

    /// <summary>
    /// The newest API the client library knows: Docker.DotNet 3.125's models are generated from API 1.41
    /// (engine 20.10); fields of later versions cannot be read or sent through them.
    /// </summary>
    public static readonly Version ClientMaximum = new(1, 41);

    /// <summary>The version assumed when none was negotiated: the library's own.</summary>
    public static EngineApi Default { get; } = new(ClientMaximum);

    /// <summary>
    /// API 1.44 (engine 25) takes every network in one create call and a MAC address per endpoint; before,
    /// create takes one network (the rest are connected one by one) and the MAC is <c>Config.MacAddress</c>.
    /// </summary>
    public bool CreatesWithEveryNetwork => Version >= new Version(1, 44);

    /// <summary>Per-endpoint <c>MacAddress</c> at create and connect: API 1.44.</summary>
    public bool TakesEndpointMacAddress => Version >= new Version(1, 44);

    /// <summary><c>HostConfig.CgroupnsMode</c>: API 1.41.</summary>
    public bool KnowsCgroupnsMode => Version >= new Version(1, 41);

    /// <summary>
    /// Picks the version to speak from the engine's <c>/version</c> answer (<c>ApiVersion</c>,
    /// <c>MinAPIVersion</c>), or says why there is none: an engine older than <see cref="Minimum"/>, or one
    /// that no longer accepts any version this library knows. Never throws on a malformed answer.
    /// </summary>
    public static EngineNegotiation Negotiate(VersionResponse engine)
    {
        if (!TryParse(engine.APIVersion, out var engineMaximum))
        {
            return EngineNegotiation.Refused($"the Docker engine reported no usable API version ('{Shown(engine.APIVersion)}')");
        }

        // Engines before 1.25 did not report a minimum: they accepted every older version.
        var engineMinimum = TryParse(engine.MinAPIVersion, out var reported) ? reported : new Version(1, 12);
        if (engineMaximum < Minimum)
        {
            return EngineNegotiation.Refused(
                $"the Docker engine {Shown(engine.Version)} speaks API {engineMaximum}; Dockward needs {Minimum} or newer (Docker 19.03+)");
        }

        if (engineMinimum > ClientMaximum)
        {
            return EngineNegotiation.Refused(
                $"the Docker engine {Shown(engine.Version)} accepts API {engineMinimum} or newer only; this agent's Docker client speaks at most {ClientMaximum}");
        }

        return EngineNegotiation.Agreed(new EngineApi(engineMaximum < ClientMaximum ? engineMaximum : ClientMaximum));
    }

    public override string ToString() => Version.ToString(2);

    private static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0);
        var parts = (text ?? "").Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new Version(major, minor);
        return true;
    }

    /// <summary>An engine's text, bounded so a hostile answer cannot flood a log line.</summary>
    private static string Shown(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;
}
