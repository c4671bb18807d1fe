using System.Globalization;
using System.Runtime.InteropServices;
using Dockward.Testing;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// <c>scripts/bench registry-check</c>: for each N and auth mode, N unique images on a real registry, full check cycles
/// as the control plane runs them, and the floor a bare HttpClient sets. One line per run; the last line is
/// <c>registry-check: N=… requests=… seconds=… floor_seconds=…</c> for the largest N with token auth (else the last run).
/// </summary>
internal static class RegistryCheckBenchmark
{
    /// <summary>The target: a check within this factor of the floor's wall time.</summary>
    public const double FloorFactor = 1.5;

    /// <summary>Timed runs of each kind; the median is reported.</summary>
    public const int Repeats = 3;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        if (RegistryCheckOptions.Parse(args, out var error) is not { } options)
        {
            await Console.Error.WriteLineAsync($"registry-check: {error}\n{RegistryCheckOptions.Usage}");
            return 2;
        }

        try
        {
            return await RunAsync(options, output, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException)
        {
            // A registry that refused a push, a floor that saw the wrong digest, a check that did not come out up to date.
            await Console.Error.WriteLineAsync($"registry-check: failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("registry-check: cancelled");
            return 130;
        }
    }

    private static async Task<int> RunAsync(RegistryCheckOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"# machine: nproc={Environment.ProcessorCount} cpu=\"{CpuModel()}\" runtime={RuntimeInformation.FrameworkDescription} os=\"{RuntimeInformation.OSDescription}\"");
        (int N, CheckRun Check, FloorRun Floor)? last = null;
        foreach (var n in options.Images)
        {
            await using var registries = await BenchmarkRegistries.StartAsync(options.Auth.Contains(AuthMode.Token));
            IReadOnlyList<PushedImage> images;
            var pushing = System.Diagnostics.Stopwatch.StartNew();
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            {
                images = await new ImagePusher(http, registries.Anonymous.Host).PushAsync($"bench/n{n}-", n, cancellationToken);
            }

            await output.WriteLineAsync(Invariant($"# pushed {n} images to {registries.Anonymous.Host} in {pushing.Elapsed.TotalSeconds:F1} s"));

            foreach (var auth in options.Auth)
            {
                var (check, floor) = await RunModeAsync(registries, auth, images, output, cancellationToken);
                last = (n, check, floor);
            }
        }

        if (last is { } l)
        {
            await output.WriteLineAsync(Invariant($"registry-check: N={l.N} requests={l.Check.Requests} seconds={l.Check.Measured.Seconds:F3} floor_seconds={l.Floor.Measured.Seconds:F3}"));
        }

        return 0;
    }

    private static async Task<(CheckRun Cycle, FloorRun Floor)> RunModeAsync(
        BenchmarkRegistries registries, AuthMode auth, IReadOnlyList<PushedImage> images, TextWriter output, CancellationToken cancellationToken)
    {
        var token = auth == AuthMode.Token;
        var registry = token ? registries.TokenRegistry! : registries.Anonymous;
        (string, string)? credential = token ? (BenchmarkRegistries.User, BenchmarkRegistries.Password) : null;
        var mode = auth.ToString().ToLowerInvariant();
        var n = images.Count;

        await using var runner = await CheckRunner.CreateAsync(registry.Host, images, credential, cancellationToken);
        // The first cycle after start is the warm-up: code jitted, connections opened, the registry's challenge learnt.
        var first = await runner.RunAsync(cancellationToken);
        await output.WriteLineAsync(Line("first", mode, first, repeats: 1));

        var concurrency = Math.Min(runner.Options.MaxConcurrentChecks, runner.Options.MaxConcurrentPerRegistry);
        IReadOnlyDictionary<string, string>? tokens = null;
        if (token)
        {
            // Outside the floor's timing, but measured: what N token requests cost a bare client (and the token server).
            var fetching = Measurement.Start();
            tokens = await TokenFetcher.FetchAsync(registries.TokenServer!.Realm, TokenServer.Service, credential!.Value, images.Select(i => i.Repository), concurrency, cancellationToken);
            await output.WriteLineAsync(Invariant(
                $"run=floor-tokens auth={mode} N={n} requests={tokens.Count} registry_requests=0 token_requests={tokens.Count} {Figures(fetching.Stop())} repeats=1 concurrency={concurrency}"));
        }

        using var floorRunner = new FloorRunner(concurrency);
        await floorRunner.WarmUpAsync(registry.Host, images, tokens, cancellationToken);

        // Check and floor take turns, so a neighbour's load on this shared machine weighs on both alike; medians are reported.
        var cycles = new List<CheckRun>();
        var cached = new List<CheckRun>();
        var floors = new List<FloorRun>();
        for (var i = 0; i < Repeats; i++)
        {
            // The timer's steady state: one period later, the connections kept, every 300-s token expired.
            runner.WaitOneTimerPeriod();
            cycles.Add(await runner.RunAsync(cancellationToken));
            if (token)
            {
                // A check run again within the tokens' lifetime (a user's "check now"): no token requests at all.
                cached.Add(await runner.RunAsync(cancellationToken));
            }

            floors.Add(await floorRunner.RunAsync(registry.Host, images, tokens, cancellationToken));
        }

        var cycle = Median(cycles);
        await output.WriteLineAsync(Line("cycle", mode, cycle, Repeats));
        if (token)
        {
            await output.WriteLineAsync(Line("cached", mode, Median(cached), Repeats));
        }

        var floor = floors.OrderBy(f => f.Measured.Seconds).ElementAt(Repeats / 2);
        await output.WriteLineAsync(Invariant(
            $"run=floor auth={mode} N={n} requests={floors.Max(f => f.Requests)} registry_requests={floors.Max(f => f.Requests)} token_requests=0 {Figures(floor.Measured)} repeats={Repeats} concurrency={concurrency}"));

        // Targets: N registry requests plus at most one token per scope (a repository each); within 1.5x the floor.
        var requestsMet = cycle.RegistryRequests == n && cycle.TokenRequests <= (token ? n : 0);
        var ratio = cycle.Measured.Seconds / floor.Measured.Seconds;
        await output.WriteLineAsync(Invariant(
            $"target auth={mode} N={n} requests={cycle.Requests} allowed={n + (token ? n : 0)} {(requestsMet ? "met" : "missed")} seconds_over_floor={ratio:F2} allowed={FloorFactor:F1} {(ratio <= FloorFactor ? "met" : "missed")}"));
        return (cycle, floor);
    }

    private static string Line(string run, string mode, CheckRun check, int repeats) => Invariant(
        $"run={run} auth={mode} N={check.Images} requests={check.Requests} registry_requests={check.RegistryRequests} token_requests={check.TokenRequests} {Figures(check.Measured)} repeats={repeats}");

    /// <summary>The run of median wall time, with the most requests any of the runs made (they should all make the same).</summary>
    private static CheckRun Median(List<CheckRun> runs) =>
        runs.OrderBy(r => r.Measured.Seconds).ElementAt(runs.Count / 2) with
        {
            RegistryRequests = runs.Max(r => r.RegistryRequests),
            TokenRequests = runs.Max(r => r.TokenRequests),
        };

    private static string Figures(Measured measured) => Invariant(
        $"seconds={measured.Seconds:F3} peak_working_set_mib={measured.PeakWorkingSetBytes / 1048576.0:F1}{(measured.PeakReset ? "" : "(since start)")} allocated_mib={measured.AllocatedBytes / 1048576.0:F2}");

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
