using Dockward.Agent.Commands;
using Dockward.Agent.Inventory;
using Dockward.Contracts;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockward.Agent.Tests.Commands;

[Collection(ServersCollection.Name)]
[Trait("Area", "Agent")]
public sealed class CommandExecutorTests(Servers servers) : IAsyncLifetime
{
    /// <summary>Writes three lines to each stream, a moment apart, then waits to be stopped.</summary>
    private static readonly TestImage Chatty = new(
        "1.0",
        Command: "for i in 1 2 3; do echo out-$i; echo err-$i >&2; sleep 0.2; done; trap 'exit 0' TERM; sleep 3600 & wait");

    private readonly DockerScope scope = new("cmd");
    private readonly UpdatesInProgress updates = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scope.DisposeAsync();

    [Fact]
    public async Task Stop_start_and_restart_change_the_containers_real_state()
    {
        var id = await TestContainer.RunAsync(servers, scope, "web", TestImage.Plain("1.0"));
        var name = scope.Prefix + "web";
        var executor = Executor();

        var stopped = await executor.RunAsync(Command(CommandKinds.Stop, name), CancellationToken.None);
        (await StateAsync(id)).ShouldBe("exited");
        var started = await executor.RunAsync(Command(CommandKinds.Start, name), CancellationToken.None);
        (await StateAsync(id)).ShouldBe("running");
        var before = (await scope.Docker.Containers.InspectContainerAsync(id)).State.StartedAt;
        var restarted = await executor.RunAsync(Command(CommandKinds.Restart, name), CancellationToken.None);

        stopped.ShouldBe(new CommandResult(true, null, State: "exited"));
        started.ShouldBe(new CommandResult(true, null, State: "running"));
        restarted.ShouldBe(new CommandResult(true, null, State: "running"));
        (await scope.Docker.Containers.InspectContainerAsync(id)).State.StartedAt.ShouldNotBe(before, "the restart started it again");
    }

    [Fact]
    public async Task Logs_come_with_their_time_and_stream_newest_last_and_only_after_since()
    {
        await TestContainer.RunAsync(servers, scope, "chatty", Chatty);
        var name = scope.Prefix + "chatty";
        var executor = Executor();
        await Wait.UntilAsync("all six lines", TimeSpan.FromSeconds(20), async () =>
            (await executor.RunAsync(Logs(name, new LogRequest(100, null, true, true)), CancellationToken.None)).Lines?.Count == 6);

        var all = (await executor.RunAsync(Logs(name, new LogRequest(100, null, true, true)), CancellationToken.None)).Lines.ShouldNotBeNull();
        var stdout = (await executor.RunAsync(Logs(name, new LogRequest(100, null, true, false)), CancellationToken.None)).Lines.ShouldNotBeNull();
        var stderr = (await executor.RunAsync(Logs(name, new LogRequest(100, null, false, true)), CancellationToken.None)).Lines.ShouldNotBeNull();
        var tail = (await executor.RunAsync(Logs(name, new LogRequest(2, null, true, false)), CancellationToken.None)).Lines.ShouldNotBeNull();
        var cursor = stdout[1].Time;
        var since = (await executor.RunAsync(Logs(name, new LogRequest(100, cursor, true, true)), CancellationToken.None)).Lines.ShouldNotBeNull();

        all.Select(l => l.Text).ShouldBe(["out-1", "err-1", "out-2", "err-2", "out-3", "err-3"], ignoreOrder: true);
        all.Select(l => l.Time).ShouldBeInOrder();
        stdout.Select(l => (l.Stream, l.Text)).ShouldBe([("stdout", "out-1"), ("stdout", "out-2"), ("stdout", "out-3")]);
        stderr.Select(l => (l.Stream, l.Text)).ShouldBe([("stderr", "err-1"), ("stderr", "err-2"), ("stderr", "err-3")]);
        tail.Select(l => l.Text).ShouldBe(["out-2", "out-3"]);
        since.ShouldAllBe(l => l.Time > cursor);
        since.Select(l => l.Text).ShouldContain("out-3");
        since.Select(l => l.Text).ShouldNotContain("out-2");
        since.Select(l => l.Text).ShouldNotContain("out-1");
        all.ShouldAllBe(l => l.Time > DateTimeOffset.UtcNow.AddMinutes(-5) && l.Time <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Cuts_a_line_longer_than_the_limit_and_keeps_the_lines_after_it()
    {
        var length = ReportLimits.LogLineLength + 4000;
        var image = new TestImage("1.0", Command: $"head -c {length} /dev/zero | tr -c a a; echo; echo after; trap 'exit 0' TERM; sleep 3600 & wait");
        await TestContainer.RunAsync(servers, scope, "long", image);
        var name = scope.Prefix + "long";
        var executor = Executor();

        var lines = await Wait.ForAsync("the line after the long one", TimeSpan.FromSeconds(20), async () =>
        {
            var read = (await executor.RunAsync(Logs(name, new LogRequest(10, null, true, true)), CancellationToken.None)).Lines;
            return read?.Any(l => l.Text == "after") == true ? read : null;
        });

        lines.ShouldAllBe(l => l.Text.Length <= ReportLimits.LogLineLength);
        lines[0].Text.ShouldStartWith("aaaa");
        lines[^1].Text.ShouldBe("after");
    }

    [Fact]
    public async Task Keeps_an_answer_within_the_text_limit_by_leaving_out_the_oldest_lines()
    {
        var image = new TestImage("1.0", Command: "for i in $(seq 200); do head -c 16000 /dev/zero | tr -c a a; echo \" line-$i\"; done; trap 'exit 0' TERM; sleep 3600 & wait");
        await TestContainer.RunAsync(servers, scope, "big", image);
        var name = scope.Prefix + "big";
        var executor = Executor();

        var lines = await Wait.ForAsync("the last line", TimeSpan.FromSeconds(30), async () =>
        {
            var read = (await executor.RunAsync(Logs(name, new LogRequest(500, null, true, true)), CancellationToken.None)).Lines;
            return read is { Count: > 0 } && read[^1].Text.EndsWith(" line-200", StringComparison.Ordinal) ? read : null;
        });

        lines.Sum(l => (long)l.Text.Length).ShouldBeLessThanOrEqualTo(ContainerLogReader.TextLimit);
        lines.Count.ShouldBeInRange(100, 199, "about 2 MiB of 16 KB lines");
        lines[0].Text.ShouldEndWith($" line-{201 - lines.Count}");
    }

    [Fact]
    public async Task Stats_reads_one_sample_of_a_running_container()
    {
        await TestContainer.RunAsync(servers, scope, "web", TestImage.Plain("1.0"));
        var name = scope.Prefix + "web";

        var result = await Executor().RunAsync(Command(CommandKinds.Stats, name), CancellationToken.None);

        result.Succeeded.ShouldBeTrue(result.Error);
        var stats = result.Stats.ShouldNotBeNull();
        stats.ContainerName.ShouldBe(name);
        stats.MemoryBytes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Refuses_to_start_stop_or_restart_a_container_an_update_is_working_on_but_still_reads_its_logs()
    {
        var id = await TestContainer.RunAsync(servers, scope, "web", TestImage.Plain("1.0"));
        var name = scope.Prefix + "web";
        var executor = Executor();

        CommandResult stop, restart, logs;
        using (updates.Begin(name))
        {
            stop = await executor.RunAsync(Command(CommandKinds.Stop, name), CancellationToken.None);
            restart = await executor.RunAsync(Command(CommandKinds.Restart, name), CancellationToken.None);
            logs = await executor.RunAsync(Logs(name, new LogRequest(10, null, true, true)), CancellationToken.None);
        }

        var afterwards = await executor.RunAsync(Command(CommandKinds.Stop, name), CancellationToken.None);

        stop.ShouldBe(new CommandResult(false, "an update of it is in progress"));
        restart.ShouldBe(new CommandResult(false, "an update of it is in progress"));
        logs.Succeeded.ShouldBeTrue(logs.Error);
        afterwards.ShouldBe(new CommandResult(true, null, State: "exited"), "the update ended");
        (await StateAsync(id)).ShouldBe("exited");
    }

    [Fact]
    public async Task Answers_an_unknown_kind_an_unknown_container_and_a_logs_command_without_a_request_with_a_clear_error()
    {
        var executor = Executor();

        var unknownKind = await executor.RunAsync(Command("pause", scope.Prefix + "web"), CancellationToken.None);
        var unknownContainer = await executor.RunAsync(Command(CommandKinds.Restart, scope.Prefix + "missing"), CancellationToken.None);
        var logsOfNothing = await executor.RunAsync(Logs(scope.Prefix + "missing", new LogRequest(10, null, true, true)), CancellationToken.None);
        var noRequest = await executor.RunAsync(Command(CommandKinds.Logs, scope.Prefix + "missing"), CancellationToken.None);

        unknownKind.ShouldBe(new CommandResult(false, "unknown command kind 'pause'"));
        unknownContainer.ShouldBe(new CommandResult(false, "no such container"));
        logsOfNothing.ShouldBe(new CommandResult(false, "no such container"));
        noRequest.ShouldBe(new CommandResult(false, "a logs command needs a log request"));
    }

    private CommandExecutor Executor() => new(
        scope.Docker,
        new StatsSampler(scope.Docker, TimeProvider.System, NullLogger<StatsSampler>.Instance),
        new ContainerLogReader(scope.Docker),
        updates,
        NullLogger<CommandExecutor>.Instance);

    private static AgentCommand Command(string kind, string name) => new(Guid.NewGuid().ToString("N"), kind, name);

    private static AgentCommand Logs(string name, LogRequest request) => new(Guid.NewGuid().ToString("N"), CommandKinds.Logs, name, request);

    private async Task<string> StateAsync(string id) => (await scope.Docker.Containers.InspectContainerAsync(id)).State.Status;
}
