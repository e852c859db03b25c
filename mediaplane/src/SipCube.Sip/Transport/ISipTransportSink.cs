using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>Receives what the transports parsed.</summary>
/// <remarks>RFC 3261 §18.1.2 and §18.2.1 (the transport layer hands messages up to the transaction layer).</remarks>
public interface ISipTransportSink
{
    /// <summary>A well-formed message arrived on <paramref name="flow"/>.</summary>
    ValueTask OnMessageAsync(SipFlow flow, SipMessage message);

    /// <summary>Bytes that are not a valid message arrived; the result carries the reason and any partial message.</summary>
    ValueTask OnBadMessageAsync(SipFlow flow, SipParseResult result);
}
