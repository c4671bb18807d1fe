namespace Dockward.Core.Events;

/// <summary>A client read its events too slowly and was dropped; it resumes from its last id.</summary>
internal sealed class EventSubscriptionOverflowException()
    : Exception($"The client fell more than {EventSubscription.Capacity} events behind.");
