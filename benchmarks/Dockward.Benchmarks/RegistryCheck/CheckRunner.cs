using System.Security.Cryptography;
using Dockward.Benchmarks.Storage;
using Dockward.Core;
using Dockward.Core.Audit;
using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Detection.Auth;
using Dockward.Core.Policies;
using Dockward.Core.Rollouts;
using Dockward.Core.Registries;
using Dockward.Core.Security;
using Dockward.Core.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockward.Benchmarks.RegistryCheck;

/// <summary>
/// Full check cycles as the control plane runs them: the real <see cref="RegistryScan"/> from the real registrations
/// (<c>AddSecurity</c>, <c>AddDetection</c>, <c>AddUpdates</c>, so the same HttpClient factory, handler pipeline, token
/// cache and credential lookup), over N managed containers that each run one pushed image by its RepoDigest. Only the
/// stores are in memory. Requests are counted by the pipeline's own <see cref="RegistryRequestCounter"/>.
/// </summary>
internal sealed class CheckRunner : IAsyncDisposable
{
    /// <summary>The ScanRegistries timer's period (host.json: every 5 minutes).</summary>
    public static readonly TimeSpan TimerPeriod = TimeSpan.FromMinutes(5);

    private const string Agent = "bench-agent";

    private readonly ServiceProvider provider;
    private readonly BenchmarkClock clock;
    private readonly int images;

    private CheckRunner(ServiceProvider provider, BenchmarkClock clock, int images)
    {
        this.provider = provider;
        this.clock = clock;
        this.images = images;
    }

    /// <summary>The detection settings the check runs with (defaults, plus the registry's credentials).</summary>
    public DetectionOptions Options => provider.GetRequiredService<IOptions<DetectionOptions>>().Value;

    /// <param name="registryHost">The registry as image references name it, e.g. <c>127.0.0.1:5000</c>.</param>
    /// <param name="credential">User and password for the registry (sent to its token service); null for anonymous.</param>
    public static async Task<CheckRunner> CreateAsync(
        string registryHost, IReadOnlyList<PushedImage> pushed, (string User, string Password)? credential, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        if (credential is { } c)
        {
            settings["Detection:Registries:0:Host"] = registryHost;
            settings["Detection:Registries:0:Username"] = c.User;
            settings["Detection:Registries:0:Password"] = c.Password;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new BenchmarkClock();
        var services = new ServiceCollection();
        // As host.json filters it: HttpClient's per-request logs at Warning; nothing printed during a timed run.
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IContainerStore, InMemoryContainerStore>();
        services.AddSingleton<IImageCheckStore, InMemoryImageCheckStore>();
        services.AddSingleton<IUpdateJobStore, InMemoryUpdateJobStore>();
        services.AddSingleton<IPolicyStore, InMemoryPolicyStore>();
        services.AddSingleton<IRolloutStore, InMemoryRolloutStore>();
        services.AddSingleton<IRegistryStore, InMemoryRegistryStore>();
        services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        services.AddSecurity(configuration).AddDetection(configuration).AddUpdates(configuration).AddRollouts();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        var now = clock.GetUtcNow();
        var containers = pushed.Select((image, i) => new ContainerRecord(
            Agent,
            $"bench-{i:D4}",
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            $"{registryHost}/{image.Repository}:{image.Tag}",
            "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            [$"{registryHost}/{image.Repository}@{image.Digest}"],
            "running",
            null,
            new Dictionary<string, string> { [PolicyLabels.Enable] = "true" },
            now,
            now)).ToList();
        await provider.GetRequiredService<IContainerStore>().ReplaceInventoryAsync(Agent, containers, cancellationToken);
        return new CheckRunner(provider, clock, pushed.Count);
    }

    /// <summary>
    /// Moves the clock on by one timer period, as between two ScanRegistries runs: 300-s tokens (Docker Hub's, the
    /// test token server's) have then expired, so the next cycle is the timer's steady state, not a cached one.
    /// </summary>
    public void WaitOneTimerPeriod() => clock.Advance(TimerPeriod);

    /// <summary>One full check cycle, timed and counted; throws when any image did not come out up to date.</summary>
    public async Task<CheckRun> RunAsync(CancellationToken cancellationToken)
    {
        var counter = provider.GetRequiredService<RegistryRequestCounter>();
        var (registryBefore, tokensBefore) = (counter.RegistryRequests, counter.TokenRequests);
        // A scope per run, as the function host opens one per invocation.
        await using var scope = provider.CreateAsyncScope();
        var scan = scope.ServiceProvider.GetRequiredService<RegistryScan>();

        var measurement = Measurement.Start();
        var summary = await scan.RunAsync(Triggers.Timer, null, cancellationToken);
        var measured = measurement.Stop();

        var upToDate = summary.Checks.Count(r => r.Status == CheckStatus.UpToDate);
        if (summary.Images != images || upToDate != images)
        {
            var failure = summary.Checks.FirstOrDefault(r => r.Status != CheckStatus.UpToDate);
            throw new InvalidOperationException(
                $"The check saw {summary.Images} images, {upToDate} up to date, of {images} pushed: {failure?.Image} {failure?.Status} {failure?.Detail}");
        }

        return new CheckRun(images, counter.RegistryRequests - registryBefore, counter.TokenRequests - tokensBefore, measured);
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
