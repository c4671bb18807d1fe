using System.Diagnostics;
using Dockward.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Hosting;

/// <summary>
/// Runs one invocation of any function: gives it an id, a log scope, a timeout from host.json and a
/// measured duration, and turns an exception into a logged failure (HTTP: problem+json) instead of a dead host.
/// This is the one place where errors become HTTP problems.
/// </summary>
internal sealed class FunctionInvoker(IOptions<FunctionHostOptions> options, IHostApplicationLifetime lifetime, ILogger<FunctionInvoker> logger)
{
    public async Task InvokeTimerAsync(IServiceProvider services, TimerRegistration timer, TimerInfo info, CancellationToken stopping)
    {
        var invocationId = Guid.NewGuid().ToString("N");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId, ["Function"] = timer.Name });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.Value.FunctionTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            await using var serviceScope = services.CreateAsyncScope();
            var function = (ITimerFunction)serviceScope.ServiceProvider.GetRequiredService(timer.FunctionType);
            await function.RunAsync(info, timeout.Token);
            logger.LogInformation("Executed {Function} for tick {Tick:o} in {DurationMs} ms", timer.Name, info.ScheduledTick, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            logger.LogError("{Function} timed out after {Timeout} (host.json functionTimeout)", timer.Name, options.Value.FunctionTimeout);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "{Function} failed after {DurationMs} ms", timer.Name, watch.ElapsedMilliseconds);
        }
    }

    public async Task InvokeHttpAsync(HttpContext context, HttpRegistration route)
    {
        var invocationId = Guid.NewGuid().ToString("N");
        context.Response.Headers["X-Invocation-Id"] = invocationId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["InvocationId"] = invocationId, ["Function"] = route.Name });
        // A stopping host ends streams too, so shutdown does not wait for clients that never leave.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var watch = Stopwatch.StartNew();
        IResult result;
        try
        {
            var function = (IHttpFunction)context.RequestServices.GetRequiredService(route.FunctionType);
            if (function is not IStreamingHttpFunction)
            {
                timeout.CancelAfter(options.Value.FunctionTimeout);
            }

            result = await function.RunAsync(context, timeout.Token);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogDebug("{Function}: client went away after {DurationMs} ms", route.Name, watch.ElapsedMilliseconds);
            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            logger.LogError("{Function} timed out after {Timeout} (host.json functionTimeout)", route.Name, options.Value.FunctionTimeout);
            result = Problems.Create(StatusCodes.Status503ServiceUnavailable, "Timed out", $"The request did not finish within {options.Value.FunctionTimeout}.", invocationId);
        }
        catch (ConcurrencyConflictException e)
        {
            logger.LogInformation("{Function}: concurrency conflict: {Message}", route.Name, e.Message);
            result = Problems.Create(StatusCodes.Status409Conflict, "Conflict", "The record changed since it was read; read it again and retry.", invocationId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Function} failed after {DurationMs} ms", route.Name, watch.ElapsedMilliseconds);
            result = Problems.Create(StatusCodes.Status500InternalServerError, "Internal error", $"The function failed; see the control plane's log for invocation {invocationId}.", invocationId);
        }

        logger.LogDebug("Executed {Function} in {DurationMs} ms", route.Name, watch.ElapsedMilliseconds);
        await result.ExecuteAsync(context);
    }
}
