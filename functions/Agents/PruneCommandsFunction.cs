using Dockward.Core.Commands;
using Dockward.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Dockward.Functions.Agents;

/// <summary>Timer: drops agent commands older than <c>Commands:RetentionMinutes</c> (each is answered or expired within seconds).</summary>
internal sealed class PruneCommandsFunction(CommandRelay relay, IOptions<CommandsOptions> options, ILogger<PruneCommandsFunction> logger) : ITimerFunction
{
    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var minutes = options.Value.RetentionMinutes;
        var pruned = await relay.PruneAsync(TimeSpan.FromMinutes(minutes), cancellationToken);
        logger.LogInformation("Pruned {Commands} agent commands older than {Minutes} minutes", pruned, minutes);
    }
}
