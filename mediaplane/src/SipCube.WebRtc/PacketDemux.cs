namespace SipCube.WebRtc;

/// <summary>
/// Classifies a datagram on the single media port by its first byte, then RTP against RTCP by the
/// packet type in the second byte.
/// </summary>
/// <remarks>
/// RFC 7983 §7 and RFC 5761 §4:
/// <code>
///                 +----------------+
///                 |        [0..3] -+--> STUN
///                 |                |
///                 |      [16..19] -+--> ZRTP      (dropped)
///     packet -->  |      [20..63] -+--> DTLS
///                 |      [64..79] -+--> TURN      (dropped)
///                 |    [128..191] -+--> RTP/RTCP: second byte 192..223 = RTCP (SR 200, RR 201, ...)
///                 |        others -+--> dropped
///                 +----------------+
/// </code>
/// </remarks>
internal static class PacketDemux
{
    public static DatagramKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 2)
        {
            return DatagramKind.Unknown;
        }

        return datagram[0] switch
        {
            <= 3 => DatagramKind.Stun,
            >= 20 and <= 63 => DatagramKind.Dtls,
            >= 128 and <= 191 => datagram[1] is >= 192 and <= 223 ? DatagramKind.Rtcp : DatagramKind.Rtp,
            _ => DatagramKind.Unknown,
        };
    }
}
