using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dockward.Testing;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// <c>scripts/bench api-scale</c>: N simulated agents report M containers each into one control plane on Azurite, then
/// the container list (a mix of queries), the container detail and inventory reports are timed; their p50/p95/p99
/// and the control plane's memory are printed. The last line is
/// <c>api-scale: containers=… list_p95_ms=… report_p95_ms=… rss_mb=…</c>.
/// </summary>
internal static class ApiScaleBenchmark
{
    public const double ListP95TargetMs = 100;

    public const double RssTargetMb = 300;

    /// <summary>Untimed requests of each kind before the timed ones: code jitted, connections and caches warm.</summary>
    private const int WarmUp = 20;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        if (ApiScaleOptions.Parse(args, out var error) is not { } options)
        {
            await Console.Error.WriteLineAsync($"api-scale: {error}\n{ApiScaleOptions.Usage}");
            return 2;
        }

        try
        {
            return await RunAsync(options, output, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException or JsonException)
        {
            // A non-2xx answer, a control plane that did not start, died or did not answer, a list that does not hold what was reported.
            await Console.Error.WriteLineAsync($"api-scale: failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("api-scale: cancelled");
            return 130;
        }
    }

    private static async Task<int> RunAsync(ApiScaleOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"# machine: nproc={Environment.ProcessorCount} runtime={RuntimeInformation.FrameworkDescription} os=\"{RuntimeInformation.OSDescription}\"");
        await output.WriteLineAsync(Invariant($"# agents={options.Agents} containers_per_agent={options.ContainersPerAgent} containers={options.Containers} requests={options.Requests}"));
        await using var azurite = await AzuriteServer.StartAsync();
        await using var controlPlane = await ControlPlaneServer.StartAsync(azurite.ConnectionString, cancellationToken);
        await output.WriteLineAsync(Invariant($"# control plane pid={controlPlane.Pid} at {controlPlane.BaseAddress} on Azurite (in memory) at 127.0.0.1:{azurite.Port}"));
        try
        {
            return await MeasureAsync(options, controlPlane, output, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or JsonException)
        {
            throw new InvalidOperationException($"{e.Message}\n--- the control plane's last output{(controlPlane.HasExited ? " (it has exited)" : "")}:\n{controlPlane.OutputTail}", e);
        }
    }

    private static async Task<int> MeasureAsync(ApiScaleOptions options, ControlPlaneServer controlPlane, TextWriter output, CancellationToken cancellationToken)
    {
        using var api = TimedApi.For(controlPlane.BaseAddress);
        string admin;
        using (var http = new HttpClient { BaseAddress = controlPlane.BaseAddress, Timeout = TimeSpan.FromSeconds(30) })
        {
            admin = await TestSecurity.SignInAsync(http);
        }

        var clock = Stopwatch.StartNew();
        var fleet = await AgentFleet.EnrolAsync(api, admin, options, cancellationToken);
        await output.WriteLineAsync(Invariant($"# enrolled {options.Agents} agents in {clock.Elapsed.TotalSeconds:F1} s"));

        clock.Restart();
        await fleet.ReportAsync(options.Agents, change: false, into: null, cancellationToken);
        await output.WriteLineAsync(Invariant($"# {options.Agents} agents reported {options.Containers} containers in {clock.Elapsed.TotalSeconds:F1} s"));

        var shown = ContainerList.Read((await api.GetAsync("/api/containers?page=1&pageSize=50", admin, cancellationToken)).EnsureSucceeded());
        if (shown.Total != options.Containers)
        {
            throw new InvalidOperationException($"the container list shows {shown.Total} containers, not the {options.Containers} reported");
        }

        await output.WriteLineAsync(shown.Paged
            ? "# list: paged ({ items, total, page, pageSize })"
            : "# list: one array of every container (before paging: the query options are ignored, each answer holds them all)");
        var loaded = controlPlane.Memory();
        await output.WriteLineAsync(Invariant($"# control plane after the first reports: rss_mib={loaded.RssMib:F1} peak_rss_mib={loaded.PeakRssMib:F1}"));

        var random = new Random(7);
        var queries = ListQuery.Mix(() => fleet.Agents[random.Next(fleet.Agents.Count)].Id, options.Containers);
        var detailPath = DetailPath(fleet, random);
        var detailSkipped = await DetailSkippedBecauseAsync(api, admin, detailPath(), cancellationToken);

        // Warm-up, untimed: every list query, the detail route, one report of every agent.
        await ListAsync(api, admin, queries, WarmUp, null, cancellationToken);
        if (detailSkipped is null)
        {
            await DetailsAsync(api, admin, detailPath, WarmUp, null, cancellationToken);
        }

        await fleet.ReportAsync(options.Agents, change: true, into: null, cancellationToken);

        var list = queries.ToDictionary(q => q.Name, q => new Latencies($"list {q.Name}"));
        await ListAsync(api, admin, queries, options.Requests, list, cancellationToken);
        var detail = new Latencies("detail");
        if (detailSkipped is null)
        {
            await DetailsAsync(api, admin, detailPath, options.Requests, detail, cancellationToken);
        }

        var report = new Latencies($"report ({options.ContainersPerAgent} containers, {AgentFleet.Concurrency} at once)");
        await fleet.ReportAsync(options.Requests, change: true, report, cancellationToken);
        var after = controlPlane.Memory();

        var allLists = new Latencies("list (all queries)");
        foreach (var kind in list.Values)
        {
            allLists.AddAll(kind);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| request | n | p50 ms | p95 ms | p99 ms | max ms | mean KiB |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|");
        await output.WriteLineAsync(Row(allLists));
        foreach (var kind in list.Values)
        {
            await output.WriteLineAsync(Row(kind));
        }

        await output.WriteLineAsync(detailSkipped is null ? Row(detail) : $"| detail | skipped: {detailSkipped} | | | | | |");
        await output.WriteLineAsync(Row(report));
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"# control plane after the run: rss_mib={after.RssMib:F1} peak_rss_mib={after.PeakRssMib:F1}"));
        var listP95 = allLists.Percentile(95);
        await output.WriteLineAsync(Invariant($"target list_p95_ms={listP95:F1} allowed={ListP95TargetMs:F0} {(listP95 < ListP95TargetMs ? "met" : "missed")}"));
        await output.WriteLineAsync(Invariant($"target rss_mb={after.RssMib:F0} allowed={RssTargetMb:F0} {(after.RssMib < RssTargetMb ? "met" : "missed")}"));
        await output.WriteLineAsync(Invariant(
            $"api-scale: containers={shown.Total} list_p95_ms={listP95:F1} report_p95_ms={report.Percentile(95):F1} rss_mb={after.RssMib:F0}"));
        return 0;
    }

    /// <summary><paramref name="count"/> list requests, one at a time as one user's, the queries taken in turn.</summary>
    private static async Task ListAsync(
        TimedApi api, string admin, IReadOnlyList<ListQuery> queries, int count, Dictionary<string, Latencies>? into, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var query = queries[i % queries.Count];
            var answer = (await api.GetAsync(query.Path(), admin, cancellationToken)).EnsureSucceeded();
            into?[query.Name].Add(answer);
        }
    }

    /// <summary><paramref name="count"/> detail requests for containers picked at random, one at a time.</summary>
    private static async Task DetailsAsync(TimedApi api, string admin, Func<string> path, int count, Latencies? into, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var answer = (await api.GetAsync(path(), admin, cancellationToken)).EnsureSucceeded();
            into?.Add(answer);
        }
    }

    private static Func<string> DetailPath(AgentFleet fleet, Random random) => () =>
    {
        var agent = fleet.Agents[random.Next(fleet.Agents.Count)];
        var container = agent.Containers[random.Next(agent.Containers.Count)];
        return $"/api/containers/{Uri.EscapeDataString(agent.Id)}/{Uri.EscapeDataString(container.Name)}";
    };

    /// <summary>
    /// Null when the detail route answers for a container that exists; why it is skipped when this build has no such
    /// route (404 or 405 for a reported container). Any other failure fails the run.
    /// </summary>
    private static async Task<string?> DetailSkippedBecauseAsync(TimedApi api, string admin, string path, CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync(path, admin, cancellationToken);
        if (answer.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return $"GET /api/containers/{{agentId}}/{{name}} answered {(int)answer.Status} for a reported container (not in this build)";
        }

        answer.EnsureSucceeded();
        return null;
    }

    private static string Row(Latencies latencies) => Invariant(
        $"| {latencies.Name} | {latencies.Count} | {latencies.Percentile(50):F1} | {latencies.Percentile(95):F1} | {latencies.Percentile(99):F1} | {latencies.Max:F1} | {latencies.MeanBytes / 1024:F1} |");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
