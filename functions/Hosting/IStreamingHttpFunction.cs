namespace Dockward.Functions.Hosting;

/// <summary>
/// An HTTP function that streams its response (Server-Sent Events) for as long as the client stays connected: the
/// host's <c>functionTimeout</c> does not apply to it, only the client going away (or the host stopping) ends it.
/// It writes the response itself and returns <see cref="Results.Empty"/> once the stream ends, or a problem before
/// writing anything.
/// </summary>
internal interface IStreamingHttpFunction : IHttpFunction;
