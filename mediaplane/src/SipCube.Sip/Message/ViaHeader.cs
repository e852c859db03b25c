using System.Globalization;
using System.Text;

namespace SipCube.Sip.Message;

/// <summary>One Via value: <c>SIP/2.0/transport sent-by *(;param)</c>.</summary>
/// <remarks>RFC 3261 §20.42 and §18.2.1 (received), RFC 3581 (rport).</remarks>
public sealed class ViaHeader
{
    /// <summary>The branch magic cookie of RFC 3261 §8.1.1.7.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Creates a Via value.</summary>
    public ViaHeader(string transport, string host, int? port, string branch)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = new SipParameters();
        Parameters.Set("branch", branch);
    }

    private ViaHeader(string transport, string host, int? port, SipParameters parameters)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>Transport in upper case (UDP, TCP, TLS, WS, WSS...).</summary>
    public string Transport { get; }

    /// <summary>sent-by host.</summary>
    public string Host { get; }

    /// <summary>sent-by port, or null.</summary>
    public int? Port { get; }

    /// <summary>Via parameters.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The branch parameter, or null.</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>Parses one Via value (LWS is allowed around '/' and ':').</summary>
    public static bool TryParse(string? text, out ViaHeader via)
    {
        via = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        var i = 0;
        if (!ReadToken(span, ref i, out var protocol) || !Expect(span, ref i, '/') || !ReadToken(span, ref i, out var version)
            || !Expect(span, ref i, '/') || !ReadToken(span, ref i, out var transport)
            || !protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase) || !version.SequenceEqual("2.0"))
        {
            return false;
        }

        i = SkipWs(span, i);
        var hostStart = i;
        if (i < span.Length && span[i] == '[')
        {
            var close = span[i..].IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            i += close + 1;
        }
        else
        {
            while (i < span.Length && (char.IsAsciiLetterOrDigit(span[i]) || span[i] is '-' or '.' or '_'))
            {
                i++;
            }
        }

        if (i == hostStart)
        {
            return false;
        }

        var host = span[hostStart..i].ToString();
        int? port = null;
        var afterHost = SkipWs(span, i);
        if (afterHost < span.Length && span[afterHost] == ':')
        {
            i = SkipWs(span, afterHost + 1);
            var portStart = i;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
            }

            if (i == portStart || i - portStart > 5 || !int.TryParse(span[portStart..i], CultureInfo.InvariantCulture, out var p) || p > 65535)
            {
                return false;
            }

            port = p;
        }

        if (!SipParameters.TryParse(span[i..], allowQuotedValues: true, out var parameters))
        {
            return false;
        }

        via = new ViaHeader(transport.ToString().ToUpperInvariant(), host, port, parameters);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder(80).Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is int port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    private static bool ReadToken(ReadOnlySpan<char> span, ref int i, out ReadOnlySpan<char> token)
    {
        i = SkipWs(span, i);
        var start = i;
        while (i < span.Length && SipGrammar.IsTokenChar(span[i]))
        {
            i++;
        }

        token = span[start..i];
        return i > start;
    }

    private static bool Expect(ReadOnlySpan<char> span, ref int i, char c)
    {
        i = SkipWs(span, i);
        if (i < span.Length && span[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static int SkipWs(ReadOnlySpan<char> span, int i)
    {
        while (i < span.Length && SipGrammar.IsWhitespace(span[i]))
        {
            i++;
        }

        return i;
    }
}
