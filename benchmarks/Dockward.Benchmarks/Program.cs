using Dockward.Benchmarks.ApiScale;
using Dockward.Benchmarks.RegistryCheck;

// scripts/bench <benchmark> [options]: one benchmark per command.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args switch
{
    ["registry-check", .. var rest] => await RegistryCheckBenchmark.RunAsync(rest, Console.Out, cancel.Token),
    ["api-scale", .. var rest] => await ApiScaleBenchmark.RunAsync(rest, Console.Out, cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(RegistryCheckOptions.Usage);
    Console.Error.WriteLine(ApiScaleOptions.Usage);
    return 2;
}
