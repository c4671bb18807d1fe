using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dockward.Contracts;

namespace Dockward.Functions.Tests.Containers;

/// <summary>
/// An agent as the control plane sees it, speaking only the protocol: enrolled through the API, reports an inventory,
/// long-polls for commands and answers each with <see cref="Answer"/>. A stand-in for the protocol, not for Docker:
/// the real agent is exercised by the end-to-end tests.
/// </summary>
internal sealed class InTestAgent : IAsyncDisposable
{
    public static readonly DateTimeOffset Created = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ControlPlaneProcess controlPlane;
    private readonly CancellationTokenSource stop = new();
    private Task? polling;

    private InTestAgent(ControlPlaneProcess controlPlane, EnrolResponse enrolment)
    {
        this.controlPlane = controlPlane;
        Id = enrolment.AgentId;
        Credential = enrolment.Credential;
    }

    public string Id { get; }

    public string Credential { get; }

    /// <summary>Every command this agent was handed, in order.</summary>
    public ConcurrentQueue<AgentCommand> Received { get; } = new();

    /// <summary>How the agent answers a command; null answers nothing (it took the command and went silent).</summary>
    public Func<AgentCommand, CommandResult?> Answer { get; set; } = command => new CommandResult(true, null, State: "running");

    /// <summary>Enrols an agent and reports <paramref name="containers"/>; managed ones carry <c>dockward.enable=true</c>.</summary>
    public static async Task<InTestAgent> EnrolAsync(ControlPlaneProcess controlPlane, params (string Name, bool Managed)[] containers)
    {
        var agent = new InTestAgent(controlPlane, await controlPlane.EnrolAgentAsync());
        await agent.ReportAsync(containers);
        return agent;
    }

    /// <summary>Enrols an agent with managed containers of these names.</summary>
    public static Task<InTestAgent> EnrolAsync(ControlPlaneProcess controlPlane, params string[] names) =>
        EnrolAsync(controlPlane, [.. names.Select(n => (n, true))]);

    public async Task ReportAsync((string Name, bool Managed)[] containers)
    {
        var report = new InventoryReport(
            [.. containers.Select((c, i) => new ContainerSnapshot(
                Id: $"{i:x}".PadLeft(64, 'c'),
                Name: c.Name,
                Image: $"registry.example/{c.Name}:1",
                ImageId: "sha256:" + new string('b', 64),
                RepoDigests: [$"registry.example/{c.Name}@sha256:" + new string('a', 64)],
                State: "running",
                Health: null,
                Labels: c.Managed ? new Dictionary<string, string> { ["dockward.enable"] = "true" } : new Dictionary<string, string>(),
                Created: Created))],
            DateTimeOffset.UtcNow,
            "0.1.0-test",
            "27.0.0");
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{Id}/inventory", Credential, JsonContent.Create(report));
        using var response = await controlPlane.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts answering commands in the background until disposed.</summary>
    public InTestAgent Listen()
    {
        polling = Task.Run(() => PollAsync(stop.Token));
        return this;
    }

    /// <summary>One long poll for a command: the command, or null on 204.</summary>
    public async Task<AgentCommand?> NextAsync(int waitSeconds, CancellationToken cancellationToken = default)
    {
        using var request = ControlPlaneProcess.Request(HttpMethod.Get, $"/api/agents/{Id}/commands/next?waitSeconds={waitSeconds}", Credential);
        using var response = await controlPlane.Http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.Content.ReadFromJsonAsync<AgentCommand>(cancellationToken);
    }

    /// <summary>Answers a command; the response is the caller's to check.</summary>
    public async Task<HttpResponseMessage> AnswerAsync(string commandId, object result, CancellationToken cancellationToken = default)
    {
        using var request = ControlPlaneProcess.Request(HttpMethod.Post, $"/api/agents/{Id}/commands/{commandId}/result", Credential, JsonContent.Create(result));
        return await controlPlane.Http.SendAsync(request, cancellationToken);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await NextAsync(2, cancellationToken) is not { } command)
                {
                    continue;
                }

                Received.Enqueue(command);
                if (Answer(command) is { } result)
                {
                    using var answered = await AnswerAsync(command.CommandId, result, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (polling is not null)
        {
            await polling;
        }

        stop.Dispose();
    }
}
