using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SipCube.Xmpp.Stanzas;

/// <summary>
/// Parses one framed stanza (already size-capped by the framing layer) into an element. DTDs, entity expansion
/// and external resolution are refused, as RFC 6120 §11.1 forbids them on XMPP streams.
/// </summary>
/// <remarks>RFC 7395 §3.2, RFC 6120 §11.1.</remarks>
public static class StanzaParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
        ConformanceLevel = ConformanceLevel.Document,
    };

    /// <summary>Parses UTF-8 bytes holding exactly one element. Never throws for peer input.</summary>
    public static StanzaParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return new StanzaParseResult(null, "empty message");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return new StanzaParseResult(null, "invalid UTF-8");
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            var element = XElement.Load(reader, LoadOptions.None);
            return new StanzaParseResult(element, null);
        }
        catch (XmlException ex)
        {
            return new StanzaParseResult(null, "not well-formed: " + ex.Message);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
