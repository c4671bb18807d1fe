namespace Dockward.Core.Updates;

/// <summary>What one pass of the <see cref="UpdateScheduler"/> did.</summary>
internal sealed class SchedulerPass
{
    public int Released { get; private set; }

    public int Rescheduled { get; private set; }

    public int Expired { get; private set; }

    public int Cancelled { get; private set; }

    public void Count(JobState to, JobState from)
    {
        switch (to)
        {
            case JobState.Pending or JobState.Held:
                Released++;
                break;
            case JobState.Expired:
                Expired++;
                break;
            case JobState.Cancelled:
                Cancelled++;
                break;
            default:
                Rescheduled += to == from ? 1 : 0;
                break;
        }
    }

    public override string ToString() => $"{Released} released, {Rescheduled} rescheduled, {Expired} expired, {Cancelled} cancelled";
}
