using System.Text;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Testing;

namespace SipCube.Sip.Tests;

/// <summary>Loads test messages (RFC 4475 files, inline text) with CRLF line ends.</summary>
internal static class TestMessages
{
    public static string Rfc4475Dir => Path.Combine(RepositoryPaths.Tests, "testdata", "rfc4475");

    public static byte[] LoadRfc4475(string relative) => ToCrlf(File.ReadAllText(Path.Combine(Rfc4475Dir, relative)));

    public static string LoadRfc4475Text(string relative) => File.ReadAllText(Path.Combine(Rfc4475Dir, relative));

    public static byte[] ToCrlf(string text) => Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    public static SipMessage Parse(string text)
    {
        var result = SipMessageParser.ParseDatagram(ToCrlf(text));
        Assert.True(result.Status == SipParseStatus.Complete, result.ToString());
        return result.Message!;
    }

    public const string Register = """
        REGISTER sip:example.com SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport
        Max-Forwards: 70
        To: Bob <sip:bob@example.com>
        From: Bob <sip:bob@example.com>;tag=456248
        Call-ID: 843817637684230@998sdasdh09
        CSeq: 1826 REGISTER
        Contact: <sip:bob@192.0.2.10:5060>
        Expires: 3600
        Content-Length: 0


        """;

    public const string InviteWithBody = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK74bf9
        Max-Forwards: 70
        From: Alice <sip:alice@example.com>;tag=9fxced76sl
        To: Bob <sip:bob@example.com>
        Call-ID: 3848276298220188511@example.com
        CSeq: 1 INVITE
        Contact: <sip:alice@client.example.com;transport=tcp>
        Content-Type: application/sdp
        Content-Length: 11

        v=0
        s=-
        x
        """;
}
