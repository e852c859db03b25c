using System.Text;
using BenchmarkDotNet.Attributes;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Benchmarks.Sip;

/// <summary>Parse and serialize of a typical REGISTER (with digest), an INVITE with SDP and a 200 OK to REGISTER;
/// allocations per message (RFC 3261 §7).</summary>
[MemoryDiagnoser]
public class SipParseSerializeBenchmark
{
    private static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:test.local SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:alice@test.local>\r\n" +
        "From: <sip:alice@test.local>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n" +
        "Authorization: Digest username=\"alice\", realm=\"test.local\", nonce=\"AAABjQ0x2w8Q4Yb3JfU9kWm1nZp7Q2s5Xx1Vb3Nm8Kc\", uri=\"sip:test.local\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\n" +
        "Expires: 3600\r\n" +
        "User-Agent: bench\r\n" +
        "Content-Length: 0\r\n\r\n");

    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:bob@test.local SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnashds8;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@test.local>\r\n" +
        "From: Alice <sip:alice@test.local>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.test.local\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.10:5060>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: bench\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 226\r\n\r\n" +
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\na=sendrecv\r\n");

    private static readonly byte[] Ok = Encoding.ASCII.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10\r\n" +
        "From: <sip:alice@test.local>;tag=456248\r\n" +
        "To: <sip:alice@test.local>;tag=2493k59kd\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=3600\r\n" +
        "Date: Sat, 28 Nov 2026 10:00:00 GMT\r\n" +
        "Server: SipCube\r\n" +
        "Content-Length: 0\r\n\r\n");

    private readonly SipMessage _parsed = SipMessageParser.ParseDatagram(Register).Message!;
    private readonly SipMessage _invite = SipMessageParser.ParseDatagram(Invite).Message!;
    private readonly SipMessage _ok = SipMessageParser.ParseDatagram(Ok).Message!;

    [Benchmark]
    public SipMessage? ParseRegister() => SipMessageParser.ParseDatagram(Register).Message;

    [Benchmark]
    public byte[] SerializeRegister() => SipMessageWriter.ToArray(_parsed);

    [Benchmark]
    public int ParseAndSerializeRegister() => SipMessageWriter.ToArray(SipMessageParser.ParseDatagram(Register).Message!).Length;

    [Benchmark]
    public SipMessage? ParseInviteWithSdp() => SipMessageParser.ParseDatagram(Invite).Message;

    [Benchmark]
    public byte[] SerializeInviteWithSdp() => SipMessageWriter.ToArray(_invite);

    [Benchmark]
    public SipMessage? ParseOk() => SipMessageParser.ParseDatagram(Ok).Message;

    [Benchmark]
    public byte[] SerializeOk() => SipMessageWriter.ToArray(_ok);
}
