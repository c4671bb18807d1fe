namespace Dockward.Functions.Hosting;

/// <summary>A timer function and the setting that holds its schedule.</summary>
internal sealed record TimerRegistration(string Name, Type FunctionType)
{
    public string ScheduleKey => $"timers:{Name}";
}
