using System.Net;
using Dockward.Functions.Hosting;
using Dockward.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Tests.Hosting;

[Trait("Area", "Host")]
public sealed class FunctionInvokerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);
    private static readonly TimerInfo Tick = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 1, 12, 5, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_http_function_that_throws_answers_500_problem_json_with_its_invocation_id()
    {
        await using var host = await InProcessFunctionHost.StartAsync(f => f.Http<ThrowingHttpFunction>("GET", "/throws", Access.Anonymous), Generous);

        using var response = await host.Http.GetAsync(new Uri("/throws", UriKind.Relative));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.InternalServerError);
        var invocationId = problem.GetProperty("invocationId").GetString().ShouldNotBeNull();
        invocationId.ShouldNotBeEmpty();
        response.Headers.GetValues("X-Invocation-Id").ShouldBe([invocationId]);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(invocationId);
        // The exception's own text stays in the log; it is not handed to the caller.
        problem.GetRawText().ShouldNotContain(ThrowingHttpFunction.Secret);
    }

    [Fact]
    public async Task The_host_keeps_serving_after_an_http_function_threw()
    {
        await using var host = await InProcessFunctionHost.StartAsync(
            f =>
            {
                f.Http<ThrowingHttpFunction>("GET", "/throws", Access.Anonymous);
                f.Http<AnsweringHttpFunction>("GET", "/answers", Access.Anonymous);
            },
            Generous);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await host.Http.GetAsync(new Uri("/throws", UriKind.Relative));
            failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        using var answered = await host.Http.GetAsync(new Uri("/answers", UriKind.Relative));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answered.Content.ReadAsStringAsync()).ShouldBe("still here");
    }

    [Fact]
    public async Task An_http_function_running_past_the_function_timeout_is_cancelled_and_answers_503()
    {
        var probe = new CancellationProbe();
        await using var host = await InProcessFunctionHost.StartAsync(
            f => f.Http<HangingHttpFunction>("GET", "/hangs", Access.Anonymous),
            TimeSpan.FromMilliseconds(500),
            services => services.AddSingleton(probe));

        using var response = await host.Http.GetAsync(new Uri("/hangs", UriKind.Relative));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("title").GetString().ShouldBe("Timed out");
        problem.GetProperty("invocationId").GetString().ShouldNotBeNullOrEmpty();
        (await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_streaming_function_runs_past_the_function_timeout_while_its_client_stays()
    {
        await using var host = await InProcessFunctionHost.StartAsync(
            f => f.Http<StreamingHttpFunction>("GET", "/stream", Access.Anonymous), TimeSpan.FromMilliseconds(300));

        using var response = await host.Http.GetAsync(new Uri("/stream", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("data: 1\n\ndata: 2\n\ndata: 3\n\n");
    }

    [Fact]
    public async Task A_timer_function_that_throws_is_logged_and_does_not_escape()
    {
        var logger = new RecordingLogger<FunctionInvoker>();
        var invoker = new FunctionInvoker(Options.Create(new FunctionHostOptions { FunctionTimeout = Generous }), Lifetime(), logger);
        await using var services = new ServiceCollection().AddScoped<ThrowingTimerFunction>().BuildServiceProvider();

        await Should.NotThrowAsync(() =>
            invoker.InvokeTimerAsync(services, new TimerRegistration("Throwing", typeof(ThrowingTimerFunction)), Tick, CancellationToken.None));

        var error = logger.Entries.ShouldHaveSingleItem();
        error.Level.ShouldBe(LogLevel.Error);
        error.Message.ShouldContain("Throwing failed");
        error.Exception.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe(ThrowingTimerFunction.Failure);
    }

    [Fact]
    public async Task A_timer_function_running_past_the_function_timeout_is_cancelled_and_logged()
    {
        var logger = new RecordingLogger<FunctionInvoker>();
        var invoker = new FunctionInvoker(Options.Create(new FunctionHostOptions { FunctionTimeout = TimeSpan.FromMilliseconds(300) }), Lifetime(), logger);
        var probe = new CancellationProbe();
        await using var services = new ServiceCollection().AddSingleton(probe).AddScoped<HangingTimerFunction>().BuildServiceProvider();

        await invoker.InvokeTimerAsync(services, new TimerRegistration("Hanging", typeof(HangingTimerFunction)), Tick, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        probe.Cancelled.Task.IsCompletedSuccessfully.ShouldBeTrue();
        var error = logger.Entries.ShouldHaveSingleItem();
        error.Level.ShouldBe(LogLevel.Error);
        error.Message.ShouldContain("Hanging timed out");
    }

    [Fact]
    public async Task A_timer_function_that_succeeds_gets_its_tick_and_is_logged_as_executed()
    {
        var logger = new RecordingLogger<FunctionInvoker>();
        var invoker = new FunctionInvoker(Options.Create(new FunctionHostOptions { FunctionTimeout = Generous }), Lifetime(), logger);
        var seen = new TickProbe();
        await using var services = new ServiceCollection().AddSingleton(seen).AddScoped<TickRecordingTimerFunction>().BuildServiceProvider();

        await invoker.InvokeTimerAsync(services, new TimerRegistration("Recording", typeof(TickRecordingTimerFunction)), Tick, CancellationToken.None);

        seen.Ticks.ShouldBe([Tick]);
        var executed = logger.Entries.ShouldHaveSingleItem();
        executed.Level.ShouldBe(LogLevel.Information);
        executed.Message.ShouldContain("Executed Recording");
    }

    private static ApplicationLifetime Lifetime() => new(NullLogger<ApplicationLifetime>.Instance);

    private sealed class CancellationProbe
    {
        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HangUntilCancelledAsync(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(true);
                throw;
            }
        }
    }

    private sealed class TickProbe
    {
        public List<TimerInfo> Ticks { get; } = [];
    }

    private sealed class ThrowingHttpFunction : IHttpFunction
    {
        public const string Secret = "connection string with AccountKey=hunter2";

        public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }

    private sealed class AnsweringHttpFunction : IHttpFunction
    {
        public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Results.Text("still here"));
    }

    private sealed class HangingHttpFunction(CancellationProbe probe) : IHttpFunction
    {
        public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
        {
            await probe.HangUntilCancelledAsync(cancellationToken);
            return Results.Ok();
        }
    }

    /// <summary>Three events 250 ms apart: 750 ms in all, past a 300 ms function timeout.</summary>
    private sealed class StreamingHttpFunction : IStreamingHttpFunction
    {
        public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
        {
            context.Response.ContentType = "text/event-stream";
            for (var i = 1; i <= 3; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                await context.Response.WriteAsync($"data: {i}\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }

            return Results.Empty;
        }
    }

    private sealed class ThrowingTimerFunction : ITimerFunction
    {
        public const string Failure = "the registry answered nonsense";

        public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken) => throw new InvalidOperationException(Failure);
    }

    private sealed class HangingTimerFunction(CancellationProbe probe) : ITimerFunction
    {
        public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
        {
            await probe.HangUntilCancelledAsync(cancellationToken);
        }
    }

    private sealed class TickRecordingTimerFunction(TickProbe probe) : ITimerFunction
    {
        public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
        {
            probe.Ticks.Add(timer);
            return Task.CompletedTask;
        }
    }
}
