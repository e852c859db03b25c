namespace SipCube.Media.Dtmf;

/// <summary>One RFC 4733 packet to send: header marker and timestamp, and the payload fields.</summary>
/// <param name="Marker">First packet of the event.</param>
/// <param name="Event">Event code.</param>
/// <param name="End">End bit.</param>
/// <param name="Timestamp">RTP timestamp (the event's start, same for all its packets).</param>
/// <param name="Duration">Duration so far in RTP clock units.</param>
/// <remarks>RFC 4733 §2.3, §2.5.1.</remarks>
public readonly record struct TelephoneEventPacket(bool Marker, byte Event, bool End, uint Timestamp, ushort Duration);
