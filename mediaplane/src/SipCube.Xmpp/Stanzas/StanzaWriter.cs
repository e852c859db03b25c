using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace SipCube.Xmpp.Stanzas;

/// <summary>
/// Serializes an element to one WebSocket text message. Line breaks inside text are written raw, which is what the
/// ConnectyCube web SDK itself sends for SDP and what every XML parser accepts.
/// </summary>
/// <remarks>RFC 7395 §3.2.</remarks>
public static class StanzaWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        NewLineHandling = NewLineHandling.None,
        Encoding = new UTF8Encoding(false),
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    /// <summary>Returns the UTF-8 bytes of <paramref name="element"/>.</summary>
    public static byte[] ToUtf8(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            element.WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Returns the text of <paramref name="element"/> as it goes on the wire.</summary>
    public static string ToText(XElement element) => Encoding.UTF8.GetString(ToUtf8(element));
}
