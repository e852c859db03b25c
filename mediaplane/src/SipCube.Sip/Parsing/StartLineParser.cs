using System.Text;
using SipCube.Sip.Message;

namespace SipCube.Sip.Parsing;

/// <summary>Parses a Request-Line or a Status-Line.</summary>
/// <remarks>
/// RFC 3261 §7.1 and §7.2: elements are separated by exactly one SP; the Request-URI has no LWS
/// (RFC 4475 §3.1.2.6 lwsruri, §3.1.2.7 lwsstart) and no angle brackets (§3.1.2.5 ltgtruri); the status
/// code is exactly three digits (§3.1.2.16 bigcode); the version must be SIP/2.0 (505 otherwise).
/// </remarks>
internal readonly ref struct StartLineParser
{
    private static readonly byte[] Version = "SIP/2.0"u8.ToArray();

    private StartLineParser(SipParseError error, int offset, string? method, string? uri, int status, string? reason)
    {
        Error = error;
        ErrorOffset = offset;
        Method = method;
        Uri = uri;
        Status = status;
        Reason = reason;
    }

    public SipParseError Error { get; }

    public int ErrorOffset { get; }

    public string? Method { get; }

    public string? Uri { get; }

    public int Status { get; }

    public string? Reason { get; }

    public SipMessage CreateMessage() => Method is not null
        ? SipMessage.CreateRequest(Method, Uri!)
        : SipMessage.CreateResponse(Status, Reason!);

    public static StartLineParser Parse(ReadOnlySpan<byte> line, int offset)
    {
        if (line.Length >= 8 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8))
        {
            return ParseStatusLine(line, offset);
        }

        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            return Fail(SipParseError.InvalidStartLine, offset);
        }

        var method = line[..firstSpace];
        if (!SipGrammar.IsToken(method))
        {
            return Fail(SipParseError.InvalidMethod, offset);
        }

        var rest = line[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace <= 0 || rest[(secondSpace + 1)..].Contains((byte)' '))
        {
            return Fail(SipParseError.InvalidRequestUri, offset + firstSpace + 1);
        }

        var version = rest[(secondSpace + 1)..];
        var unsupportedVersion = false;
        if (!IsVersion(version))
        {
            if (version.Length < 4 || !Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
            {
                return Fail(SipParseError.InvalidStartLine, offset + firstSpace + secondSpace + 2);
            }

            // RFC 3261 §8.2.1 / §21.5.6: keep method and URI so the rest of the head can be read and a 505 addressed.
            unsupportedVersion = true;
        }

        var uriBytes = rest[..secondSpace];
        if (uriBytes.IndexOfAnyInRange((byte)0, (byte)32) >= 0 || uriBytes.IndexOfAnyInRange((byte)127, (byte)255) >= 0)
        {
            return Fail(SipParseError.InvalidRequestUri, offset + firstSpace + 1);
        }

        var uri = Encoding.ASCII.GetString(uriBytes);
        if (!SipUri.TryParse(uri, out var parsed) || (parsed.IsSip && parsed.Headers is not null))
        {
            return Fail(SipParseError.InvalidRequestUri, offset + firstSpace + 1);
        }

        return unsupportedVersion
            ? new StartLineParser(SipParseError.UnsupportedVersion, offset + firstSpace + secondSpace + 2, SipMethods.Intern(method), uri, 0, null)
            : new StartLineParser(SipParseError.None, 0, SipMethods.Intern(method), uri, 0, null);
    }

    private static StartLineParser ParseStatusLine(ReadOnlySpan<byte> line, int offset)
    {
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace < 0)
        {
            return Fail(SipParseError.InvalidStartLine, offset);
        }

        if (!IsVersion(line[..firstSpace]))
        {
            return Fail(SipParseError.UnsupportedVersion, offset);
        }

        var rest = line[(firstSpace + 1)..];
        if (rest.Length < 3 || !char.IsAsciiDigit((char)rest[0]) || !char.IsAsciiDigit((char)rest[1]) || !char.IsAsciiDigit((char)rest[2])
            || (rest.Length > 3 && rest[3] != (byte)' ') || rest[0] is (byte)'0' or > (byte)'6')
        {
            return Fail(SipParseError.InvalidStatusCode, offset + firstSpace + 1);
        }

        var status = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        var reasonBytes = rest.Length > 4 ? rest[4..] : [];
        if (reasonBytes.IndexOfAnyInRange((byte)0, (byte)8) >= 0 || reasonBytes.IndexOfAnyInRange((byte)10, (byte)31) >= 0)
        {
            return Fail(SipParseError.InvalidStartLine, offset + firstSpace + 5);
        }

        return new StartLineParser(SipParseError.None, 0, null, null, status, Encoding.UTF8.GetString(reasonBytes));
    }

    private static bool IsVersion(ReadOnlySpan<byte> version) => Ascii.EqualsIgnoreCase(version, Version);

    private static StartLineParser Fail(SipParseError error, int offset) => new(error, offset, null, null, 0, null);
}
