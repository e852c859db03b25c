using System.Text;
using System.Xml.Linq;
using SipCube.Xmpp.Stanzas;

namespace SipCube.Xmpp.Tests;

public sealed class StanzaParserTests
{
    [Fact]
    public void Parses_a_framed_open()
    {
        var result = StanzaParser.Parse("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='localhost' id='1' version='1.0'/>"u8);
        Assert.True(result.IsSuccess);
        Assert.Equal(XName.Get("open", "urn:ietf:params:xml:ns:xmpp-framing"), result.Element!.Name);
    }

    [Theory]
    [InlineData("<message")]
    [InlineData("<a></b>")]
    [InlineData("")]
    [InlineData("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>")]
    [InlineData("<a/><b/>")]
    public void Refuses_bad_input_without_throwing(string text)
    {
        var result = StanzaParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Refuses_invalid_utf8() => Assert.False(StanzaParser.Parse([0x3C, 0x61, 0xFF, 0x2F, 0x3E]).IsSuccess);

    [Fact]
    public void Writer_keeps_crlf_raw_and_round_trips()
    {
        var element = new XElement(XName.Get("sdp", "jabber:client"), "v=0\r\ns=-\r\n");
        var text = StanzaWriter.ToText(element);
        Assert.Equal("<sdp xmlns=\"jabber:client\">v=0\r\ns=-\r\n</sdp>", text);
        Assert.Equal("v=0\ns=-\n", StanzaParser.Parse(Encoding.UTF8.GetBytes(text)).Element!.Value);
    }
}
