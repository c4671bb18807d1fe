using System.Net;
using System.Text;

namespace Dockward.Benchmarks.ApiScale;

/// <summary>One answer of the control plane: its status, its whole body and how long it took from send to the body's last byte.</summary>
internal sealed record ApiAnswer(string Request, HttpStatusCode Status, string? MediaType, byte[] Body, TimeSpan Elapsed)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>This answer, or an exception naming the request, the status and the start of the body when it is not 2xx.</summary>
    public ApiAnswer EnsureSucceeded() => Succeeded
        ? this
        : throw new InvalidOperationException($"{Request} answered {(int)Status} {Status}: {Excerpt()}");

    private string Excerpt()
    {
        var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 500));
        return text.Length == 0 ? "(no body)" : text;
    }
}
