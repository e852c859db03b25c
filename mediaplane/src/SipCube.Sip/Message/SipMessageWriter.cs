using System.Buffers;
using System.Globalization;
using System.Text;

namespace SipCube.Sip.Message;

/// <summary>Serializes a <see cref="SipMessage"/> to bytes.</summary>
/// <remarks>
/// RFC 3261 §7: known headers are written with their canonical long names; Content-Length is always
/// written last from the actual body length (§20.14: it MUST be present on streams, and a stale value
/// from a parsed message must never leak into a rewritten one).
/// </remarks>
public static class SipMessageWriter
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    /// <summary>Writes the message into <paramref name="writer"/>.</summary>
    public static void Write(SipMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        if (message.IsRequest)
        {
            WriteAscii(writer, message.Method!);
            WriteAscii(writer, " ");
            WriteUtf8(writer, message.RequestUri!);
            WriteAscii(writer, " SIP/2.0\r\n");
        }
        else
        {
            WriteAscii(writer, "SIP/2.0 ");
            WriteAscii(writer, message.StatusCode.ToString("000", CultureInfo.InvariantCulture));
            WriteAscii(writer, " ");
            WriteUtf8(writer, message.ReasonPhrase ?? string.Empty);
            writer.Write(Crlf);
        }

        foreach (var header in message.Headers)
        {
            if (header.Kind == SipHeaderKind.ContentLength)
            {
                continue;
            }

            WriteAscii(writer, header.Name);
            WriteAscii(writer, ": ");
            writer.Write(header.RawValue.Span);
            writer.Write(Crlf);
        }

        WriteAscii(writer, "Content-Length: ");
        WriteAscii(writer, message.Body.Length.ToString(CultureInfo.InvariantCulture));
        WriteAscii(writer, "\r\n\r\n");
        writer.Write(message.Body.Span);
    }

    /// <summary>Serializes to a new array.</summary>
    public static byte[] ToArray(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Measured first, so every response costs exactly one array of its own size (no growing buffer, no copy).
        var output = new byte[Measure(message)];
        var writer = new FixedWriter(output);
        Write(message, writer);
        return writer.Written == output.Length ? output : output[..writer.Written];
    }

    private static int Measure(SipMessage message)
    {
        var size = message.IsRequest
            ? message.Method!.Length + 1 + Encoding.UTF8.GetByteCount(message.RequestUri!) + 10
            : 8 + Math.Max(3, Digits(message.StatusCode)) + 1 + Encoding.UTF8.GetByteCount(message.ReasonPhrase ?? string.Empty) + 2;
        foreach (var header in message.Headers)
        {
            if (header.Kind != SipHeaderKind.ContentLength)
            {
                size += header.Name.Length + 2 + header.RawValue.Length + 2;
            }
        }

        return size + 16 + Digits(message.Body.Length) + 4 + message.Body.Length;
    }

    private static int Digits(int value)
    {
        if (value < 0)
        {
            return 11;
        }

        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>Serializes to a string (for logs and tests).</summary>
    public static string ToText(SipMessage message) => Encoding.UTF8.GetString(ToArray(message));

    // An IBufferWriter over the one array sized by Measure.
    private sealed class FixedWriter(byte[] output) : IBufferWriter<byte>
    {
        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => output.AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => output.AsSpan(Written);
    }

    private static void WriteAscii(IBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        writer.Advance(written);
    }

    private static void WriteUtf8(IBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
