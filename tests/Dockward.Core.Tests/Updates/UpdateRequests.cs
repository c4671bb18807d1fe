using Dockward.Core.Containers;
using Dockward.Core.Detection;
using Dockward.Core.Policies;
using Dockward.Core.Updates;
using Microsoft.Extensions.Options;

namespace Dockward.Core.Tests.Updates;

/// <summary>Requests as most tests make them: the container's policy with built-in defaults (auto), its own tag's new digest.</summary>
internal static class UpdateRequests
{
    public static Task<UpdateRequest> RequestAsync(this UpdateRequester requester, ContainerRecord container, string digest, string trigger, CancellationToken cancellationToken) =>
        requester.RequestAsync(container, Policy(container), new UpdateTarget(digest), trigger, trigger == Triggers.Manual ? "user:test" : null, null, cancellationToken);

    public static PolicyResolver Resolver(PolicyOptions? options = null) =>
        new(Options.Create(new DetectionOptions()), Options.Create(options ?? new PolicyOptions()));

    public static EffectivePolicy Policy(ContainerRecord container, PolicyOptions? options = null) =>
        Resolver(options).Resolve(container, PolicyBook.Empty);

    public static JobDispatcher Dispatcher(IUpdateJobStore jobs, IContainerStore containers, IPolicyStore policies, PolicyOptions? options = null, TimeProvider? clock = null) =>
        new(jobs, containers, policies, Resolver(options), Options.Create(options ?? new PolicyOptions()), clock ?? TimeProvider.System);
}
