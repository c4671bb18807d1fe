namespace Dockward.Functions.Hosting;

/// <summary>The functions of the app with their triggers, filled by <see cref="FunctionCatalog"/>.</summary>
internal sealed class FunctionRegistry
{
    private readonly List<TimerRegistration> timers = [];
    private readonly List<HttpRegistration> routes = [];

    public IReadOnlyList<TimerRegistration> Timers => timers;

    public IReadOnlyList<HttpRegistration> Routes => routes;

    /// <summary>A timer function whose schedule is the setting <c>timers:{name}</c>.</summary>
    public void Timer<TFunction>(string name) where TFunction : class, ITimerFunction =>
        timers.Add(new TimerRegistration(name, typeof(TFunction)));

    public void Http<TFunction>(string method, string route) where TFunction : class, IHttpFunction =>
        routes.Add(new HttpRegistration(method, route, typeof(TFunction)));
}
