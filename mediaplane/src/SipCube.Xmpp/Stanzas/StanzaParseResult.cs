using System.Xml.Linq;

namespace SipCube.Xmpp.Stanzas;

/// <summary>Result of parsing one framed stanza: the element, or why it was refused.</summary>
public readonly record struct StanzaParseResult(XElement? Element, string? Error)
{
    /// <summary>True when <see cref="Element"/> holds the parsed stanza.</summary>
    public bool IsSuccess => Element is not null;
}
