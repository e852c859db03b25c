using System.Buffers;

namespace SipCube.Sip.Parsing;

/// <summary>
/// Cuts SIP messages out of a byte stream (TCP, TLS): keep-alives, then head up to CRLFCRLF, then exactly
/// Content-Length body bytes.
/// </summary>
/// <remarks>
/// RFC 3261 §18.3 (Content-Length is mandatory on streams), RFC 5626 §4.4.1 (CRLFCRLF ping answered by
/// a CRLF pong). An Incomplete result consumes nothing, so the caller simply waits for more bytes.
/// </remarks>
public static class SipStreamParser
{
    /// <summary>Tries to take one message (or keep-alive) from the start of <paramref name="buffer"/>.</summary>
    public static SipParseResult TryParse(in ReadOnlySequence<byte> buffer, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        var keepAlive = TryKeepAlive(buffer);
        if (keepAlive.HasValue)
        {
            return keepAlive.Value;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: true))
        {
            if (buffer.Length > limits.MaxMessageSize)
            {
                return SipParseResult.Fail(SipParseError.MessageTooLarge, limits.MaxMessageSize);
            }

            return FirstLineTooLong(buffer, limits)
                ? SipParseResult.Fail(SipParseError.LineTooLong, 0)
                : SipParseResult.Incomplete;
        }

        var headLength = (int)head.Length + 4;
        if (headLength > limits.MaxMessageSize)
        {
            return SipParseResult.Fail(SipParseError.MessageTooLarge, limits.MaxMessageSize);
        }

        var contentLength = ScanContentLength(head);
        if (contentLength < 0)
        {
            return SipParseResult.Fail(contentLength == -1 ? SipParseError.MissingContentLength : SipParseError.InvalidContentLength, 0);
        }

        var total = (long)headLength + contentLength;
        if (total > limits.MaxMessageSize)
        {
            return SipParseResult.Fail(SipParseError.MessageTooLarge, limits.MaxMessageSize);
        }

        if (buffer.Length < total)
        {
            return SipParseResult.Incomplete;
        }

        var bytes = new byte[total];
        buffer.Slice(0, total).CopyTo(bytes);
        var result = SipMessageParser.Parse(bytes, stream: true, limits);
        return result.Status == SipParseStatus.Error && result.Consumed == 0
            ? SipParseResult.Fail(result.Error, result.ErrorOffset, (int)total, result.Message)
            : result;
    }

    private static SipParseResult? TryKeepAlive(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return SipParseResult.Incomplete;
        }

        Span<byte> first = stackalloc byte[4];
        var n = (int)Math.Min(4, buffer.Length);
        buffer.Slice(0, n).CopyTo(first);
        if (first[0] != (byte)'\r')
        {
            return null;
        }

        if (n < 4 && "\r\n\r\n"u8.StartsWith(first[..n]))
        {
            return SipParseResult.Incomplete;
        }

        if (first.SequenceEqual("\r\n\r\n"u8))
        {
            return SipParseResult.KeepAlive(SipParseStatus.KeepAlivePing, 4);
        }

        return first[1] == (byte)'\n'
            ? SipParseResult.KeepAlive(SipParseStatus.KeepAlivePong, 2)
            : SipParseResult.Fail(SipParseError.InvalidStartLine, 0);
    }

    private static bool FirstLineTooLong(in ReadOnlySequence<byte> buffer, SipParserLimits limits)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: false)
            ? reader.Consumed > limits.MaxLineLength
            : buffer.Length > limits.MaxLineLength;
    }

    // -1: missing, -2: malformed or conflicting. Only the length is needed here; the full parse checks the rest.
    private static int ScanContentLength(in ReadOnlySequence<byte> head)
    {
        var bytes = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var result = -1;
        var lineStart = 0;
        while (lineStart < bytes.Length)
        {
            var lineLength = bytes[lineStart..].IndexOf("\r\n"u8);
            var line = lineLength < 0 ? bytes[lineStart..] : bytes.Slice(lineStart, lineLength);
            lineStart += lineLength < 0 ? bytes.Length : lineLength + 2;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            var name = line[..colon].TrimEnd(" \t"u8);
            if (!System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && !System.Text.Ascii.EqualsIgnoreCase(name, "l"u8))
            {
                continue;
            }

            var value = SipMessageParser.ParseContentLength(line[(colon + 1)..].Trim(" \t"u8));
            if (value < 0 || (result >= 0 && result != value))
            {
                return -2;
            }

            result = value;
        }

        return result;
    }
}
