using Dockward.Contracts;
using Dockward.Core.Commands;
using Dockward.Core.Storage.Tables;
using Dockward.Core.Tests.Storage;
using Dockward.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockward.Core.Tests.Commands;

[Collection(ServersCollection.Name)]
[Trait("Area", "Store")]
public sealed class CommandRelayTests(Servers servers) : IAsyncLifetime
{
    private readonly TableBackend backend = new(servers);

    [Fact]
    public async Task Many_polls_on_several_instances_hand_out_each_command_exactly_once()
    {
        var sender = Instance();
        var sends = Enumerable.Range(0, 8)
            .Select(i => sender.SendAsync("agent-1", CommandKinds.Restart, $"c{i}", null, TimeSpan.FromSeconds(20), CancellationToken.None))
            .ToList();
        var instances = Enumerable.Range(0, 4).Select(_ => Instance()).ToList();

        var handed = new List<AgentCommand>();
        for (var round = 0; round < 4 && handed.Count < 8; round++)
        {
            var polls = await Task.WhenAll(instances.SelectMany(i => new[] { i.NextAsync("agent-1", TimeSpan.FromSeconds(1), CancellationToken.None), i.NextAsync("agent-1", TimeSpan.FromSeconds(1), CancellationToken.None) }));
            handed.AddRange(polls.OfType<AgentCommand>());
        }

        handed.Select(c => c.ContainerName).Order().ShouldBe(Enumerable.Range(0, 8).Select(i => $"c{i}").Order());
        foreach (var command in handed)
        {
            (await instances[0].CompleteAsync("agent-1", command.CommandId, new CommandResult(true, null, State: "running"), CancellationToken.None))
                .ShouldBe(CommandCompletion.Accepted);
        }

        (await Task.WhenAll(sends)).ShouldAllBe(reply => reply.Answered && reply.Result!.State == "running");
    }

    [Fact]
    public async Task A_command_nobody_took_in_time_is_expired_and_never_handed_out_later()
    {
        var relay = Instance();

        var reply = await relay.SendAsync("agent-1", CommandKinds.Stop, "web", null, TimeSpan.FromMilliseconds(500), CancellationToken.None);

        reply.Answered.ShouldBeFalse();
        reply.Delivered.ShouldBeFalse();
        (await relay.NextAsync("agent-1", TimeSpan.Zero, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task A_command_whose_sender_went_away_is_expired_and_never_handed_out()
    {
        var relay = Instance();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            relay.SendAsync("agent-1", CommandKinds.Stop, "web", null, TimeSpan.FromSeconds(30), cancel.Token));

        (await relay.NextAsync("agent-1", TimeSpan.Zero, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task The_first_answer_stands_and_another_agent_cannot_answer_or_take_a_command()
    {
        var relay = Instance();
        var send = relay.SendAsync("agent-1", CommandKinds.Stop, "web", null, TimeSpan.FromSeconds(20), CancellationToken.None);
        (await relay.NextAsync("agent-2", TimeSpan.FromMilliseconds(500), CancellationToken.None)).ShouldBeNull();
        var command = (await relay.NextAsync("agent-1", TimeSpan.FromSeconds(5), CancellationToken.None)).ShouldNotBeNull();

        (await relay.CompleteAsync("agent-2", command.CommandId, new CommandResult(false, "not mine"), CancellationToken.None)).ShouldBe(CommandCompletion.Unknown);
        (await relay.CompleteAsync("agent-1", command.CommandId, new CommandResult(true, null, State: "exited"), CancellationToken.None)).ShouldBe(CommandCompletion.Accepted);
        (await relay.CompleteAsync("agent-1", command.CommandId, new CommandResult(false, "late"), CancellationToken.None)).ShouldBe(CommandCompletion.Repeated);

        var reply = await send;
        reply.Result.ShouldBe(new CommandResult(true, null, State: "exited"));
    }

    [Fact]
    public async Task A_logs_answer_too_large_for_one_row_keeps_its_newest_lines()
    {
        var relay = Instance();
        var send = relay.SendAsync("agent-1", CommandKinds.Logs, "web", new LogRequest(5000, null, true, true), TimeSpan.FromSeconds(20), CancellationToken.None);
        var command = (await relay.NextAsync("agent-1", TimeSpan.FromSeconds(5), CancellationToken.None)).ShouldNotBeNull();
        command.Logs.ShouldBe(new LogRequest(5000, null, true, true));
        var at = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, 5000).Select(i => new LogLine(at.AddMilliseconds(i), "stdout", $"{i:D5} " + new string('x', 400))).ToList();

        await relay.CompleteAsync("agent-1", command.CommandId, new CommandResult(true, null, Lines: lines), CancellationToken.None);

        var kept = (await send).Result!.Lines!;
        kept.Count.ShouldBeInRange(1000, 4999);
        kept[^1].ShouldBe(lines[^1]);
        kept.ShouldBe(lines.TakeLast(kept.Count));
    }

    [Fact]
    public async Task Pruning_drops_commands_older_than_the_retention()
    {
        var relay = Instance();
        await relay.SendAsync("agent-1", CommandKinds.Stop, "web", null, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        (await relay.PruneAsync(TimeSpan.FromHours(1), CancellationToken.None)).ShouldBe(0);
        (await relay.PruneAsync(TimeSpan.Zero, CancellationToken.None)).ShouldBe(1);
    }

    /// <summary>A relay over this test's tables with its own client, as another control-plane instance would have.</summary>
    private CommandRelay Instance() =>
        new(new TableAgentCommandStore(backend.Connect()), TimeProvider.System, NullLogger<CommandRelay>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await backend.DisposeAsync();
}
