using Dockward.Functions.Security;

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

    /// <summary>An HTTP function on <paramref name="route"/>; <paramref name="access"/> says who may call it, and is not optional.</summary>
    public void Http<TFunction>(string method, string route, Access access) where TFunction : class, IHttpFunction
    {
        if (HttpMethods.IsGet(method) && access is not (Access.Anonymous or Access.Viewer or Access.Admin or Access.Agent))
        {
            // Operator rights are for changes, and changes are never GETs (no state change on GET).
            throw new ArgumentException($"{typeof(TFunction).Name}: a GET route cannot require {access}: changes are POST, PUT, PATCH or DELETE.", nameof(access));
        }

        routes.Add(new HttpRegistration(method, route, access, typeof(TFunction)));
    }
}
