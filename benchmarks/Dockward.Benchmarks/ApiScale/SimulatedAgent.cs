using Dockward.Contracts;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>
/// One enrolled agent with a host full of compose projects (<see cref="SimulatedInventory"/>). Between reports a few of
/// its containers stop, start or change health, as they do on a real host. Not thread-safe: one report at a time.
/// </summary>
internal sealed class SimulatedAgent
{
    /// <summary>The share of containers whose state or health changes between two reports.</summary>
    private const double Churn = 0.05;

    private readonly Random random;
    private readonly List<ContainerSnapshot> containers;
    private readonly Dictionary<string, ContainerStats> stats = [];

    public SimulatedAgent(int index, string id, string credential, string name, int containerCount, DateTimeOffset now)
    {
        Index = index;
        Id = id;
        Credential = credential;
        Name = name;
        random = new Random(index);
        containers = SimulatedInventory.Containers(index, containerCount, random, now);
    }

    public int Index { get; }

    public string Id { get; }

    public string Credential { get; }

    public string Name { get; }

    public IReadOnlyList<ContainerSnapshot> Containers => containers;

    public string InventoryPath => $"/api/agents/{Uri.EscapeDataString(Id)}/inventory";

    /// <summary>The report the agent sends now: every container, and a resource sample of each running one.</summary>
    public InventoryReport Report(DateTimeOffset now)
    {
        var samples = containers.Where(c => c.State == "running").Select(c => Sample(c.Name, now)).ToList();
        return new InventoryReport(containers.ToList(), now, "0.9.0-bench", "27.3.1", samples);
    }

    /// <summary>Changes the state or health of about <see cref="Churn"/> of the containers, as a host does between reports.</summary>
    public void Change(DateTimeOffset now)
    {
        for (var i = 0; i < containers.Count; i++)
        {
            if (random.NextDouble() < Churn)
            {
                containers[i] = SimulatedInventory.Changed(containers[i], random, now);
            }
        }
    }

    private ContainerStats Sample(string name, DateTimeOffset now)
    {
        // Counters only grow; CPU and memory wander.
        var previous = stats.GetValueOrDefault(name);
        var sample = new ContainerStats(
            name,
            now,
            previous is null ? null : Math.Round(random.NextDouble() * 40, 2),
            (previous?.MemoryBytes ?? 0) > 0 ? Math.Max(8L << 20, previous!.MemoryBytes + random.Next(-4 << 20, 4 << 20)) : random.Next(20, 500) * (1L << 20),
            8L << 30,
            (previous?.NetworkRxBytes ?? 0) + random.Next(0, 1 << 20),
            (previous?.NetworkTxBytes ?? 0) + random.Next(0, 1 << 19),
            (previous?.BlockReadBytes ?? 0) + random.Next(0, 1 << 18),
            (previous?.BlockWriteBytes ?? 0) + random.Next(0, 1 << 18));
        stats[name] = sample;
        return sample;
    }
}
