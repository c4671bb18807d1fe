namespace Dockward.Core.Storage;

/// <summary>
/// A write lost an optimistic-concurrency race: the record changed since it was read.
/// Callers re-read and decide again; HTTP maps it to 409.
/// </summary>
internal sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message) : base(message) { }

    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }

    public ConcurrencyConflictException() { }
}
