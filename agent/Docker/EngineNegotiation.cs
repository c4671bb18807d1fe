namespace Dockward.Agent.Docker;

/// <summary>The outcome of agreeing an API version with the engine: the version, or why there is none.</summary>
/// <param name="Api">The agreed version; null when refused.</param>
/// <param name="Problem">Why no version was agreed; null when agreed.</param>
internal sealed record EngineNegotiation(EngineApi? Api, string? Problem)
{
    public static EngineNegotiation Agreed(EngineApi api) => new(api, null);

    public static EngineNegotiation Refused(string problem) => new(null, problem);
}
