namespace SipCube.Media.Transcoding;

/// <summary>
/// Takes the RTP packets a relay stage produced for one peer. <paramref name="buffer"/> holds the plain packet in its
/// first <paramref name="length"/> bytes with spare room after it (an SRTP tag may be appended in place); it is reused
/// for the next packet as soon as <see cref="Send"/> returns.
/// </summary>
/// <remarks>RFC 3550 §5.1 (the packet), RFC 3711 §3.1 (the tag appended on the WebRTC side).</remarks>
public interface IRtpPacketSink
{
    /// <summary>Sends one packet; must not keep <paramref name="buffer"/>.</summary>
    void Send(Span<byte> buffer, int length);
}
