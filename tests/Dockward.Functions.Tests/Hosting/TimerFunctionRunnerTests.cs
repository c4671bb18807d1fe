using System.Collections.Concurrent;
using System.Diagnostics;
using Dockward.Core.Scheduling;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Storage;
using Dockward.Functions.Hosting;
using Dockward.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Dockward.Functions.Tests.Hosting;

/// <summary>
/// Two control-plane instances on one Azurite, as two replicas of the container would be: each with its own
/// services, invoker, store client and lease, sharing only the storage account and table prefix.
/// </summary>
[Collection(ServersCollection.Name)]
[Trait("Area", "Host")]
public sealed class TimerFunctionRunnerTests(Servers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string EverySecond = "* * * * * *";
    private static readonly TimerRegistration Timer = new("RecordTicks", typeof(RecordingTimerFunction));

    private readonly string tablePrefix = Servers.UniqueName("timer");
    private readonly Runs runs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestTables.DeleteAsync(servers.Azurite.ConnectionString, tablePrefix);

    [Fact]
    public async Task Two_instances_run_each_tick_of_a_timer_function_once_in_total()
    {
        await RunBothAsync(TimeSpan.FromSeconds(5), runFor: TimeSpan.Zero);

        var ticks = runs.All.Select(r => r.Tick).ToList();
        ticks.Count.ShouldBeGreaterThanOrEqualTo(3, Describe());
        ticks.ShouldBeUnique(Describe());
        ticks.ShouldAllBe(t => t.Millisecond == 0);
    }

    [Fact]
    public async Task A_run_longer_than_the_tick_interval_never_overlaps_itself_across_two_instances()
    {
        await RunBothAsync(TimeSpan.FromSeconds(6), runFor: TimeSpan.FromMilliseconds(1500));

        var ordered = runs.All.OrderBy(r => r.Started).ToList();
        ordered.Count.ShouldBeGreaterThanOrEqualTo(2, Describe());
        for (var i = 1; i < ordered.Count; i++)
        {
            ordered[i].Started.ShouldBeGreaterThanOrEqualTo(ordered[i - 1].Ended, Describe());
        }

        ordered.Select(r => r.Tick).ShouldBeUnique(Describe());
    }

    [Fact]
    public async Task A_timer_function_that_throws_does_not_stop_its_runner()
    {
        runs.ThrowAfterRecording = true;
        var runner = CreateInstance("a");

        await runner.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await runner.StopAsync(CancellationToken.None);

        runs.All.Count.ShouldBeGreaterThanOrEqualTo(2, Describe());
        runner.ExecuteTask.ShouldNotBeNull().IsFaulted.ShouldBeFalse();
    }

    private async Task RunBothAsync(TimeSpan duration, TimeSpan runFor)
    {
        runs.RunFor = runFor;
        var a = CreateInstance("a");
        var b = CreateInstance("b");

        await Task.WhenAll(a.StartAsync(CancellationToken.None), b.StartAsync(CancellationToken.None));
        await Task.Delay(duration);
        await Task.WhenAll(a.StopAsync(CancellationToken.None), b.StopAsync(CancellationToken.None));

        output.WriteLine(Describe());
        a.ExecuteTask.ShouldNotBeNull().IsFaulted.ShouldBeFalse();
        b.ExecuteTask.ShouldNotBeNull().IsFaulted.ShouldBeFalse();
    }

    /// <summary>One control-plane instance: nothing shared with another but <see cref="runs"/> and the storage account.</summary>
    private TimerFunctionRunner CreateInstance(string name)
    {
        var services = new ServiceCollection()
            .AddSingleton(new InstanceName(name))
            .AddSingleton(runs)
            .AddScoped<RecordingTimerFunction>()
            .BuildServiceProvider();
        var options = Options.Create(new FunctionHostOptions { FunctionTimeout = TimeSpan.FromSeconds(30) });
        var storage = new TableStorage(Options.Create(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, TablePrefix = tablePrefix }));
        var lease = new TimerLease(new TableTimerLeaseStore(storage), TimeProvider.System);
        return new TimerFunctionRunner(
            Timer,
            TimerSchedule.Parse(Timer.ScheduleKey, EverySecond),
            services,
            lease,
            new FunctionInvoker(options, new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(NullLogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>.Instance), NullLogger<FunctionInvoker>.Instance),
            options,
            TimeProvider.System,
            NullLogger<TimerFunctionRunner>.Instance);
    }

    private string Describe() => "runs (tick, instance, started, ended in ms): " +
        string.Join("; ", runs.All.Select(r => $"{r.Tick:HH:mm:ss.fff} {r.Instance} {r.Started.TotalMilliseconds:F0}-{r.Ended.TotalMilliseconds:F0}"));

    private sealed record InstanceName(string Value);

    private sealed record Run(DateTimeOffset Tick, string Instance, TimeSpan Started, TimeSpan Ended);

    /// <summary>Every run of every instance, on one monotonic clock.</summary>
    private sealed class Runs
    {
        private readonly ConcurrentQueue<Run> all = new();
        private readonly long origin = Stopwatch.GetTimestamp();

        public TimeSpan RunFor { get; set; }

        public bool ThrowAfterRecording { get; set; }

        public IReadOnlyList<Run> All => [.. all];

        public TimeSpan Now => Stopwatch.GetElapsedTime(origin);

        public void Add(Run run) => all.Enqueue(run);
    }

    private sealed class RecordingTimerFunction(InstanceName instance, Runs runs) : ITimerFunction
    {
        public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
        {
            var started = runs.Now;
            try
            {
                if (runs.RunFor > TimeSpan.Zero)
                {
                    await Task.Delay(runs.RunFor, cancellationToken);
                }
            }
            finally
            {
                runs.Add(new Run(timer.ScheduledTick, instance.Value, started, runs.Now));
            }

            if (runs.ThrowAfterRecording)
            {
                throw new InvalidOperationException("the timer function failed");
            }
        }
    }
}
