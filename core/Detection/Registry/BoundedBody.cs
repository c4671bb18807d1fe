namespace Dockward.Core.Detection.Registry;

/// <summary>Reads a registry answer's body without ever holding more than a limit: a larger body is refused, not truncated.</summary>
internal static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="limit"/> bytes (by Content-Length or as read).</summary>
    public static async Task<byte[]?> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
