using System.Buffers;
using System.Globalization;
using System.Text;
using SipCube.Sip.Message;

namespace SipCube.Sip.Parsing;

/// <summary>
/// Parses one SIP message from bytes: start line, header lines (folding collapsed), body by Content-Length.
/// </summary>
/// <remarks>
/// RFC 3261 §7 and §25. Datagrams (§18.3): a missing Content-Length means "the rest of the packet", a
/// Content-Length larger than the packet is an error and extra bytes are ignored. Streams go through
/// <see cref="SipStreamParser"/>, which cuts a complete message first. Header values stay bytes until
/// asked for; <see cref="SipMessageValidator"/> then checks what a UAS must check before answering.
/// </remarks>
public static class SipMessageParser
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    /// <summary>Parses a datagram. The bytes are copied, so the caller may reuse its buffer.</summary>
    public static SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        if (datagram.Length > limits.MaxMessageSize)
        {
            return SipParseResult.Fail(SipParseError.MessageTooLarge, limits.MaxMessageSize);
        }

        return Parse(datagram.ToArray(), stream: false, limits);
    }

    /// <summary>Parses a whole message that owns <paramref name="buffer"/> (header values slice into it).</summary>
    internal static SipParseResult Parse(byte[] buffer, bool stream, SipParserLimits limits)
    {
        var data = buffer.AsSpan();
        var pos = 0;
        while (!stream && pos + 1 < data.Length && data[pos] == Cr && data[pos + 1] == Lf)
        {
            pos += 2; // RFC 3261 §7.5: CRLFs before the start line are ignored.
        }

        var startLineEnd = FindLineEnd(data, pos, limits, out var lineError);
        if (startLineEnd < 0)
        {
            return SipParseResult.Fail(lineError, pos);
        }

        var startLine = StartLineParser.Parse(data[pos..startLineEnd], pos);
        // A request in another SIP version is still tokenised, so that a 505 can be addressed (RFC 3261 §8.2.1).
        var versionError = startLine.Error == SipParseError.UnsupportedVersion && startLine.Method is not null;
        if (startLine.Error != SipParseError.None && !versionError)
        {
            return SipParseResult.Fail(startLine.Error, startLine.ErrorOffset);
        }

        pos = startLineEnd + 2;
        var spans = ArrayPool<HeaderSpan>.Shared.Rent(limits.MaxHeaderCount);
        try
        {
            var headResult = ReadHeaderLines(data, ref pos, spans, limits, out var count);
            if (headResult.Status == SipParseStatus.Error)
            {
                return headResult;
            }

            var message = startLine.CreateMessage();
            var fieldError = AddFields(buffer, spans.AsSpan(0, count), message, out var errorOffset, out var contentLength);
            if (versionError)
            {
                return SipParseResult.Fail(SipParseError.UnsupportedVersion, startLine.ErrorOffset, 0, fieldError == SipParseError.None ? message : null);
            }

            if (fieldError != SipParseError.None)
            {
                // The well-formed header lines are kept so that a 400 can still be addressed (RFC 3261 §8.2.6).
                return SipParseResult.Fail(fieldError, errorOffset, 0, message);
            }

            return AttachBody(buffer, pos, stream, contentLength, message);
        }
        finally
        {
            ArrayPool<HeaderSpan>.Shared.Return(spans);
        }
    }

    private static SipParseResult AttachBody(byte[] buffer, int pos, bool stream, int contentLength, SipMessage message)
    {
        var available = buffer.Length - pos;
        if (contentLength < 0)
        {
            if (stream)
            {
                return SipParseResult.Fail(SipParseError.MissingContentLength, pos, 0, message);
            }

            contentLength = available;
        }

        if (contentLength > available)
        {
            return SipParseResult.Fail(SipParseError.BodyTruncated, pos, 0, message);
        }

        message.Body = new ReadOnlyMemory<byte>(buffer, pos, contentLength);
        var consumed = stream ? pos + contentLength : buffer.Length;
        var error = SipMessageValidator.Validate(message, out var detailOffset);
        return error == SipParseError.None
            ? SipParseResult.Complete(message, consumed)
            : SipParseResult.Fail(error, detailOffset, consumed, message);
    }

    private static SipParseResult ReadHeaderLines(ReadOnlySpan<byte> data, ref int pos, HeaderSpan[] spans, SipParserLimits limits, out int count)
    {
        count = 0;
        while (true)
        {
            var lineEnd = FindLineEnd(data, pos, limits, out var lineError);
            if (lineEnd < 0)
            {
                return SipParseResult.Fail(lineError, pos);
            }

            if (lineEnd == pos)
            {
                pos += 2;
                return SipParseResult.Incomplete; // caller treats anything but Error as success
            }

            if (data[pos] is (byte)' ' or (byte)'\t')
            {
                if (count == 0)
                {
                    return SipParseResult.Fail(SipParseError.InvalidHeaderLine, pos);
                }

                spans[count - 1].ValueEnd = lineEnd;
                spans[count - 1].Folded = true;
            }
            else
            {
                if (count == limits.MaxHeaderCount)
                {
                    return SipParseResult.Fail(SipParseError.TooManyHeaders, pos);
                }

                var colon = data[pos..lineEnd].IndexOf((byte)':');
                if (colon < 0)
                {
                    return SipParseResult.Fail(SipParseError.InvalidHeaderLine, pos);
                }

                spans[count++] = new HeaderSpan { NameStart = pos, NameEnd = pos + colon, ValueStart = pos + colon + 1, ValueEnd = lineEnd };
            }

            pos = lineEnd + 2;
        }
    }

    private static SipParseError AddFields(byte[] buffer, ReadOnlySpan<HeaderSpan> spans, SipMessage message, out int errorOffset, out int contentLength)
    {
        contentLength = -1;
        var firstError = SipParseError.None;
        errorOffset = 0;
        foreach (var span in spans)
        {
            var error = AddField(buffer, span, message, ref contentLength);
            if (error != SipParseError.None && firstError == SipParseError.None)
            {
                firstError = error;
                errorOffset = span.NameStart;
            }
        }

        return firstError;
    }

    private static SipParseError AddField(byte[] buffer, in HeaderSpan span, SipMessage message, ref int contentLength)
    {
        var name = buffer.AsSpan(span.NameStart, span.NameEnd - span.NameStart).TrimEnd(" \t"u8);
        if (!SipGrammar.IsToken(name))
        {
            return SipParseError.InvalidHeaderName;
        }

        var value = Trim(buffer, span.ValueStart, span.ValueEnd);
        if (span.Folded)
        {
            value = Unfold(value.Span);
        }

        if (!IsValidValue(value.Span))
        {
            return SipParseError.InvalidHeaderValue;
        }

        var kind = SipHeaderNames.Lookup(name);
        if (kind == SipHeaderKind.ContentLength)
        {
            var parsed = ParseContentLength(value.Span);
            if (parsed < 0)
            {
                return SipParseError.InvalidContentLength;
            }

            if (contentLength >= 0 && parsed != contentLength)
            {
                return SipParseError.DuplicateHeader; // RFC 4475 §3.1.2.11 mcl01: no way to know the length
            }

            contentLength = parsed;
        }

        message.Headers.Add(new SipHeaderField(kind, kind == SipHeaderKind.Other ? Encoding.ASCII.GetString(name) : null, value));
        return SipParseError.None;
    }

    /// <summary>Parses a Content-Length value: -2 when invalid (RFC 3261 §20.14: 1*DIGIT).</summary>
    internal static int ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 9)
        {
            return -2;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -2;
            }
        }

        return int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>Index of the CR of the next CRLF at or after <paramref name="start"/>, or -1 with the reason.</summary>
    internal static int FindLineEnd(ReadOnlySpan<byte> data, int start, SipParserLimits limits, out SipParseError error)
    {
        var rest = data[start..];
        var index = rest.IndexOf("\r\n"u8);
        if (index < 0)
        {
            error = rest.Length > limits.MaxLineLength ? SipParseError.LineTooLong : SipParseError.HeadIncomplete;
            return -1;
        }

        if (index > limits.MaxLineLength)
        {
            error = SipParseError.LineTooLong;
            return -1;
        }

        error = SipParseError.None;
        return start + index;
    }

    private static ReadOnlyMemory<byte> Trim(byte[] buffer, int start, int end)
    {
        while (start < end && buffer[start] is (byte)' ' or (byte)'\t' or Cr or Lf)
        {
            start++;
        }

        while (end > start && buffer[end - 1] is (byte)' ' or (byte)'\t' or Cr or Lf)
        {
            end--;
        }

        return new ReadOnlyMemory<byte>(buffer, start, end - start);
    }

    // RFC 3261 §7.3.1: a line break followed by whitespace is equivalent to one SP.
    private static ReadOnlyMemory<byte> Unfold(ReadOnlySpan<byte> value)
    {
        var output = new byte[value.Length];
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == Cr && i + 1 < value.Length && value[i + 1] == Lf)
            {
                while (length > 0 && output[length - 1] is (byte)' ' or (byte)'\t')
                {
                    length--;
                }

                i += 2;
                while (i < value.Length && value[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                output[length++] = (byte)' ';
                i--;
                continue;
            }

            output[length++] = value[i];
        }

        return output.AsMemory(0, length);
    }

    // Control characters other than HTAB never appear in a header value (RFC 3261 §25.1 TEXT-UTF8char, LWS).
    private static bool IsValidValue(ReadOnlySpan<byte> value) => value.IndexOfAnyInRange((byte)0, (byte)8) < 0
        && value.IndexOfAnyInRange((byte)10, (byte)31) < 0 && !value.Contains((byte)127);

    private struct HeaderSpan
    {
        public int NameStart;
        public int NameEnd;
        public int ValueStart;
        public int ValueEnd;
        public bool Folded;
    }
}
