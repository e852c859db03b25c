using System.Text;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Tests.Parsing;

public class SipMessageParserTests
{
    [Fact]
    public void Parses_a_register_and_its_typed_headers()
    {
        var message = TestMessages.Parse(TestMessages.Register);
        Assert.Equal("REGISTER", message.Method);
        Assert.Same(SipMethods.Register, message.Method);
        Assert.Equal("sip:example.com", message.RequestUri);
        Assert.Equal(new CSeqHeader(1826, "REGISTER"), message.CSeq);
        var via = message.TopVia!;
        Assert.Equal("UDP", via.Transport);
        Assert.Equal(5060, via.Port);
        Assert.True(via.Parameters.Contains("rport"));
        Assert.Null(via.Parameters.Get("rport"));
    }

    [Fact]
    public void Datagram_with_content_length_beyond_the_packet_is_truncated_error()
    {
        var text = TestMessages.InviteWithBody.Replace("Content-Length: 11", "Content-Length: 12", StringComparison.Ordinal);
        Assert.Equal(SipParseError.BodyTruncated, SipMessageParser.ParseDatagram(TestMessages.ToCrlf(text)).Error);
    }

    [Theory]
    [InlineData("Content-Length: -1", SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: 1x", SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: 99999999999", SipParseError.InvalidContentLength)]
    [InlineData("CSeq: 4294967296 REGISTER", SipParseError.DuplicateHeader)]
    [InlineData("Bad Name: x", SipParseError.InvalidHeaderName)]
    [InlineData("NoColonHere", SipParseError.InvalidHeaderLine)]
    [InlineData("X-Nul: a\0b", SipParseError.InvalidHeaderValue)]
    public void Bad_header_lines_get_their_own_reason(string line, SipParseError expected)
    {
        var text = TestMessages.Register.Replace("Expires: 3600", line, StringComparison.Ordinal);
        Assert.Equal(expected, SipMessageParser.ParseDatagram(TestMessages.ToCrlf(text)).Error);
    }

    [Fact]
    public void Oversized_cseq_number_is_invalid()
    {
        var text = TestMessages.Register.Replace("CSeq: 1826 REGISTER", "CSeq: 2147483648 REGISTER", StringComparison.Ordinal);
        Assert.Equal(SipParseError.InvalidCSeq, SipMessageParser.ParseDatagram(TestMessages.ToCrlf(text)).Error);
    }

    [Fact]
    public void Limits_each_have_their_own_reason()
    {
        var bytes = TestMessages.ToCrlf(TestMessages.Register);
        Assert.Equal(SipParseError.TooManyHeaders, SipMessageParser.ParseDatagram(bytes, new SipParserLimits { MaxHeaderCount = 5 }).Error);
        Assert.Equal(SipParseError.LineTooLong, SipMessageParser.ParseDatagram(bytes, new SipParserLimits { MaxLineLength = 40 }).Error);
        Assert.Equal(SipParseError.MessageTooLarge, SipMessageParser.ParseDatagram(bytes, new SipParserLimits { MaxMessageSize = 100 }).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData("garbage")]
    [InlineData("INVITE\r\n\r\n")]
    [InlineData("SIP/2.0 20 OK\r\n\r\n")]
    public void Garbage_is_rejected_without_a_message(string text)
    {
        var result = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text));
        Assert.Equal(SipParseStatus.Error, result.Status);
        Assert.Null(result.Message);
    }

    [Fact]
    public void Validation_errors_keep_the_message_so_a_400_can_be_built()
    {
        var text = TestMessages.Register.Replace("CSeq: 1826 REGISTER", "CSeq: 1826 INVITE", StringComparison.Ordinal);
        var result = SipMessageParser.ParseDatagram(TestMessages.ToCrlf(text));
        Assert.Equal(SipParseError.CSeqMethodMismatch, result.Error);
        Assert.NotNull(result.Message);
        Assert.Equal("843817637684230@998sdasdh09", result.Message.CallId);
    }

    [Fact]
    public void Ipv6_references_parse_in_uri_and_via()
    {
        var text = TestMessages.Register
            .Replace("192.0.2.10:5060;branch", "[2001:db8::10]:5070;branch", StringComparison.Ordinal)
            .Replace("<sip:bob@192.0.2.10:5060>", "<sip:bob@[2001:db8::10]:5070;transport=udp>", StringComparison.Ordinal);
        var message = TestMessages.Parse(text);
        Assert.Equal("[2001:db8::10]", message.TopVia!.Host);
        Assert.True(NameAddress.TryParse(message.Get(SipHeaderKind.Contact), out var contact));
        Assert.Equal("[2001:db8::10]", contact.Uri.Host);
        Assert.Equal(5070, contact.Uri.Port);
        Assert.Equal("udp", contact.Uri.Parameters.Get("transport"));
    }

    [Fact]
    public void Parsing_a_datagram_allocates_a_bounded_amount()
    {
        var bytes = TestMessages.ToCrlf(TestMessages.Register);
        SipMessageParser.ParseDatagram(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SipMessageParser.ParseDatagram(bytes);
        }

        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perMessage < 12_000, $"{perMessage} bytes per parse");
    }
}
