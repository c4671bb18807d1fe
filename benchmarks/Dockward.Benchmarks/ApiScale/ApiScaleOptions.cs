using System.Globalization;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>The options of <c>scripts/bench api-scale</c>.</summary>
/// <param name="Agents">Simulated agents, each enrolled through the API.</param>
/// <param name="ContainersPerAgent">Containers in each agent's inventory.</param>
/// <param name="Requests">Timed requests of each kind: list, detail and inventory report.</param>
internal sealed record ApiScaleOptions(int Agents, int ContainersPerAgent, int Requests)
{
    public const int MaxAgents = 1000;

    /// <summary>The control plane's own limit of one inventory report.</summary>
    public const int MaxContainersPerAgent = 5000;

    public const int MaxRequests = 100_000;

    public const string Usage = "usage: scripts/bench api-scale [--agents 100] [--containers-per-agent 100] [--requests 500]";

    public int Containers => Agents * ContainersPerAgent;

    /// <summary>Parses the arguments after the command name; null with <paramref name="error"/> when they are not valid.</summary>
    public static ApiScaleOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new ApiScaleOptions(100, 100, 500);
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            if (value is null && args[i] is "--agents" or "--containers-per-agent" or "--requests")
            {
                error = $"{args[i]} needs a value";
                return null;
            }

            switch (args[i])
            {
                case "--agents":
                    if (Number(args[i], value!, MaxAgents, out error) is not { } agents)
                    {
                        return null;
                    }

                    options = options with { Agents = agents };
                    break;
                case "--containers-per-agent":
                    if (Number(args[i], value!, MaxContainersPerAgent, out error) is not { } containers)
                    {
                        return null;
                    }

                    options = options with { ContainersPerAgent = containers };
                    break;
                case "--requests":
                    if (Number(args[i], value!, MaxRequests, out error) is not { } requests)
                    {
                        return null;
                    }

                    options = options with { Requests = requests };
                    break;
                default:
                    error = $"unknown option '{args[i]}'";
                    return null;
            }

            i++;
        }

        error = null;
        return options;
    }

    private static int? Number(string option, string value, int max, out string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max)
        {
            error = null;
            return n;
        }

        error = $"{option} takes a whole number from 1 to {max}, not '{value}'";
        return null;
    }
}
