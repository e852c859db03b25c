using System.Text;
using BenchmarkDotNet.Attributes;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Benchmarks.Sip;

/// <summary>Parse and serialize of a typical REGISTER (with digest) and INVITE; allocations per message.</summary>
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

    private readonly SipMessage _parsed = SipMessageParser.ParseDatagram(Register).Message!;

    [Benchmark]
    public SipMessage? ParseRegister() => SipMessageParser.ParseDatagram(Register).Message;

    [Benchmark]
    public byte[] SerializeRegister() => SipMessageWriter.ToArray(_parsed);

    [Benchmark]
    public int ParseAndSerializeRegister() => SipMessageWriter.ToArray(SipMessageParser.ParseDatagram(Register).Message!).Length;
}
