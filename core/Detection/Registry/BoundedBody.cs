using System.Buffers;

namespace Dockward.Core.Detection.Registry;

/// <summary>Reads a registry answer's body without ever holding more than a limit: a larger body is refused, not truncated.</summary>
internal static class BoundedBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body's bytes, or null when it is larger than <paramref name="limit"/> bytes (by Content-Length or as read).</summary>
    public static Task<byte[]?> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken) =>
        ReadAsync(response.Content, limit, cancellationToken);

    /// <inheritdoc cref="ReadAsync(HttpResponseMessage, int, CancellationToken)"/>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var length = content.Headers.ContentLength;
        if (length > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        if (length is { } known)
        {
            // The usual case: the registry said how much, so one array of that size and no copies. (A connection that
            // drops before that many bytes makes the handler throw an IOException, which callers report.)
            var body = new byte[known];
            var filled = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);
            return filled == body.Length ? body : body[..filled];
        }

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
