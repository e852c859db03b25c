namespace SipCube.WebRtc;

/// <summary>What a datagram on the shared media port carries.</summary>
/// <remarks>RFC 7983 §7 (updates RFC 5764 §5.1.2), see <see cref="PacketDemux"/>.</remarks>
internal enum DatagramKind
{
    Unknown,
    Stun,
    Dtls,
    Rtp,
    Rtcp,
}
