namespace SipCube.Xmpp.Framing;

/// <summary>Outcome of reading one WebSocket message.</summary>
public enum StanzaReadStatus
{
    /// <summary>A complete text message is in the buffer.</summary>
    Complete,

    /// <summary>The message exceeded the stanza size cap; the stream must be closed with policy-violation.</summary>
    TooLarge,

    /// <summary>The peer sent a binary frame, which RFC 7395 §3.2 forbids.</summary>
    Binary,

    /// <summary>The peer closed the socket.</summary>
    Closed,
}
