namespace Dockward.Functions.Hosting;

/// <summary>The function host's own settings from host.json (env <c>DOCKWARD_…</c> overrides).</summary>
internal sealed class FunctionHostOptions
{
    /// <summary>The longest one invocation may run before it is cancelled (host.json <c>functionTimeout</c>).</summary>
    public TimeSpan FunctionTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
