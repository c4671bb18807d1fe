using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Dockward.Contracts;

namespace Dockward.Agent.Commands;

/// <summary>
/// Reads a container's log lines through the engine: timestamps always on (every line carries its time, a
/// follow's cursor), stdout and stderr told apart, lines only after <see cref="LogRequest.Since"/>, each cut to
/// <see cref="ReportLimits.LogLineLength"/> and at most <see cref="ReportLimits.LogLines"/> of them (and
/// <see cref="TextLimit"/> of text).
/// </summary>
internal sealed class ContainerLogReader(IDockerClient docker)
{
    /// <summary>The most of one line held while waiting for its end: the rest of a longer line is dropped.</summary>
    private const int PendingLimit = ReportLimits.LogLineLength + 64;

    /// <summary>
    /// The most text one answer carries (the newest lines are kept): the control plane takes request bodies of up
    /// to 4 MiB, and 5000 lines of 16 KiB would be far more; JSON escaping may grow it, hence the margin.
    /// </summary>
    public const int TextLimit = 2 * 1024 * 1024;

    public async Task<IReadOnlyList<LogLine>> ReadAsync(string containerId, bool tty, LogRequest request, CancellationToken cancellationToken)
    {
        var tail = Math.Clamp(request.Tail, 1, ReportLimits.LogLines);
        if (!request.Stdout && !request.Stderr)
        {
            return [];
        }

        // The engine counts its tail over both streams before it leaves one out, so it is asked for both and the
        // tail taken here; when one stream's lines are too few among them, further back is read.
        for (var asked = tail; ; asked = Math.Min(asked * 4, ReportLimits.LogLines))
        {
            var lines = await ReadBothAsync(containerId, tty, asked, request.Since, cancellationToken);
            var wanted = lines
                .Where(l => (l.Stream == "stderr" ? request.Stderr : request.Stdout) && (request.Since is not { } since || l.Time > since))
                .ToList();
            if (wanted.Count >= tail || lines.Count < asked || asked == ReportLimits.LogLines)
            {
                return Newest(wanted, tail);
            }
        }
    }

    /// <summary>At most <paramref name="tail"/> of the newest <paramref name="lines"/>, and no more than <see cref="TextLimit"/> of text.</summary>
    private static List<LogLine> Newest(List<LogLine> lines, int tail)
    {
        var first = Math.Max(0, lines.Count - tail);
        var text = 0L;
        for (var i = lines.Count - 1; i >= first; i--)
        {
            text += lines[i].Text.Length + 64; // its time and stream
            if (text > TextLimit)
            {
                first = i + 1;
                break;
            }
        }

        return lines[first..];
    }

    /// <summary>The last <paramref name="tail"/> lines of both streams, oldest first.</summary>
    private async Task<List<LogLine>> ReadBothAsync(string containerId, bool tty, int tail, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Timestamps = true,
            Tail = tail.ToString(CultureInfo.InvariantCulture),
            Since = since is { } time ? UnixTime(time) : null,
        };

        var lines = new List<LogLine>();
        var streams = new Dictionary<MultiplexedStream.TargetStream, PendingLine>();
        using (var stream = await docker.Containers.GetContainerLogsAsync(containerId, tty, parameters, cancellationToken))
        {
            var buffer = new byte[81920];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                if (!streams.TryGetValue(read.Target, out var pending))
                {
                    pending = new PendingLine(read.Target == MultiplexedStream.TargetStream.StandardError ? "stderr" : "stdout");
                    streams[read.Target] = pending;
                }

                pending.Append(buffer.AsSpan(0, read.Count), lines);
            }
        }

        foreach (var pending in streams.Values)
        {
            pending.Flush(lines);
        }

        // The engine sends lines in the order it logged them; the stable sort only settles a line of one stream
        // whose end came in a later frame than the next line of the other.
        return [.. lines.OrderBy(l => l.Time)];
    }

    /// <summary>Docker's <c>since</c>: Unix seconds with nanoseconds after the point.</summary>
    private static string UnixTime(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{remainder * 100:D9}");
    }

    /// <summary>
    /// One line's start, <c>2026-01-02T03:04:05.123456789Z text</c>: the engine's RFC 3339 time with nanoseconds,
    /// kept to the 100 ns a <see cref="DateTimeOffset"/> holds.
    /// </summary>
    internal static LogLine? Parse(string raw, string stream, DateTimeOffset? previous)
    {
        var text = raw.EndsWith('\r') ? raw[..^1] : raw;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var stamp = space < 0 ? text : text[..space];
        if (ParseTime(stamp) is { } time)
        {
            return new LogLine(time, stream, ReportLimits.Truncate(space < 0 ? "" : text[(space + 1)..], ReportLimits.LogLineLength)!);
        }

        // Only the rest of a line longer than the engine's message size comes without a time: it belongs to the last one.
        return previous is { } before ? new LogLine(before, stream, ReportLimits.Truncate(text, ReportLimits.LogLineLength)!) : null;
    }

    private static DateTimeOffset? ParseTime(string stamp)
    {
        var dot = stamp.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return DateTimeOffset.TryParseExact(stamp, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var whole) ? whole : null;
        }

        var zone = stamp.IndexOfAny(['Z', '+', '-'], dot);
        if (zone < 0)
        {
            return null;
        }

        var fraction = stamp[(dot + 1)..zone];
        fraction = fraction.Length >= 7 ? fraction[..7] : fraction.PadRight(7, '0');
        return DateTimeOffset.TryParseExact(
            $"{stamp[..dot]}.{fraction}{stamp[zone..]}", "yyyy-MM-dd'T'HH:mm:ss.fffffffK", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    /// <summary>The bytes of one stream's line not yet ended, decoded as they come (a character may span two frames).</summary>
    private sealed class PendingLine(string stream)
    {
        private readonly Decoder decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly StringBuilder text = new();
        private DateTimeOffset? last;

        public void Append(ReadOnlySpan<byte> bytes, List<LogLine> lines)
        {
            var chars = new char[decoder.GetCharCount(bytes, flush: false)];
            decoder.GetChars(bytes, chars, flush: false);
            var start = 0;
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '\n')
                {
                    Add(chars.AsSpan(start, i - start));
                    End(lines);
                    start = i + 1;
                }
            }

            Add(chars.AsSpan(start));
        }

        public void Flush(List<LogLine> lines)
        {
            if (text.Length > 0)
            {
                End(lines);
            }
        }

        private void Add(ReadOnlySpan<char> chars) => text.Append(chars[..Math.Min(chars.Length, Math.Max(0, PendingLimit - text.Length))]);

        private void End(List<LogLine> lines)
        {
            if (Parse(text.ToString(), stream, last) is { } line)
            {
                lines.Add(line);
                last = line.Time;
            }

            text.Clear();
        }
    }
}
