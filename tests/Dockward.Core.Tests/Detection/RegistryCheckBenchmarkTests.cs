using System.Globalization;
using System.Text.RegularExpressions;
using Dockward.Testing;

namespace Dockward.Core.Tests.Detection;

/// <summary>
/// Keeps the registry-check benchmark honest without timing anything: run as scripts/bench runs it, with N=3, against
/// the real registries it starts, its check cycles make one request per unique image (plus, on a token registry, one
/// token per repository scope), and its floor the same N HEADs. The built benchmark is run as a process because this
/// project does not reference it; the solution build (scripts/test) builds both.
/// </summary>
[Trait("Area", "Detection")]
public sealed partial class RegistryCheckBenchmarkTests
{
    private const int Images = 3;

    [Fact]
    public async Task On_an_anonymous_registry_every_check_cycle_costs_one_request_per_unique_image()
    {
        var output = await RunBenchmarkAsync("anonymous");

        foreach (var run in (string[])["first", "cycle"])
        {
            var figures = Figures(output, run, "anonymous");
            figures["registry_requests"].ShouldBe(Images, $"run={run}");
            figures["token_requests"].ShouldBe(0, $"run={run}");
        }

        Figures(output, "floor", "anonymous")["requests"].ShouldBe(Images);
        LastLine(output).ShouldMatch($@"^registry-check: N={Images} requests={Images} seconds=\d+\.\d{{3}} floor_seconds=\d+\.\d{{3}}$");
    }

    [Fact]
    public async Task On_a_token_registry_a_check_cycle_costs_one_request_per_image_and_one_token_per_scope()
    {
        var output = await RunBenchmarkAsync("token");

        // After start the registry's challenge is unknown: one request learns it (a 401), the others wait for it.
        var first = Figures(output, "first", "token");
        first["registry_requests"].ShouldBe(Images + 1);
        first["token_requests"].ShouldBe(Images);
        // One timer period later every token has expired: a token per repository again, and no 401 any more.
        var cycle = Figures(output, "cycle", "token");
        cycle["registry_requests"].ShouldBe(Images);
        cycle["token_requests"].ShouldBe(Images);
        // Within the tokens' lifetime: the registry alone.
        var cached = Figures(output, "cached", "token");
        cached["registry_requests"].ShouldBe(Images);
        cached["token_requests"].ShouldBe(0);
        Figures(output, "floor", "token")["requests"].ShouldBe(Images);
        LastLine(output).ShouldMatch($@"^registry-check: N={Images} requests={Images + Images} seconds=\d+\.\d{{3}} floor_seconds=\d+\.\d{{3}}$");
    }

    private static async Task<string> RunBenchmarkAsync(string auth)
    {
        var dll = Path.Combine(RepoPaths.Root, "benchmarks", "Dockward.Benchmarks", "bin", RepoPaths.Configuration, "net10.0", "Dockward.Benchmarks.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is not built; build benchmarks/Dockward.Benchmarks (scripts/test builds the whole solution)");
        await using var benchmark = ServerProcess.Start("dotnet", [dll, "registry-check", "--images", Images.ToString(CultureInfo.InvariantCulture), "--auth", auth]);
        var exitCode = await benchmark.WaitForExitAsync(TimeSpan.FromMinutes(3));
        exitCode.ShouldBe(0, benchmark.Output);
        return benchmark.Output;
    }

    /// <summary>The <c>key=number</c> figures of the benchmark's line for one run and auth mode.</summary>
    private static Dictionary<string, long> Figures(string output, string run, string auth)
    {
        var line = output.Split('\n').Select(l => l.Trim()).SingleOrDefault(l => l.StartsWith($"run={run} auth={auth} ", StringComparison.Ordinal));
        line.ShouldNotBeNull($"no run={run} auth={auth} line in:\n{output}");
        return Figure().Matches(line).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string LastLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    [GeneratedRegex(@"\b([a-z_]+)=(\d+)(?=\s|$)")]
    private static partial Regex Figure();
}
