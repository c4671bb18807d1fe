using Docker.DotNet.Models;

namespace Dockward.Agent.Updates;

/// <summary>
/// Collects a pull's progress stream synchronously. The engine reports a failed pull inside the stream
/// (HTTP 200 with an error message), so the error must be read before the call is judged a success.
/// </summary>
internal sealed class PullProgress : IProgress<JSONMessage>
{
    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        var error = value.Error?.Message ?? value.ErrorMessage;
        if (!string.IsNullOrEmpty(error))
        {
            Error ??= error;
        }
    }
}
