using System.Buffers.Binary;

namespace SipCube.Srtp;

/// <summary>SRTCP protect and unprotect; every packet is sent encrypted (E = 1).</summary>
/// <remarks>RFC 3711 §3.4 (SRTCP index, E flag), RFC 7714 §10 (AEAD layout: tag before E||index)</remarks>
public sealed partial class SrtpContext
{
    private const int RtcpHeaderLength = 8;

    /// <summary>
    /// Encrypts and authenticates the (compound) RTCP packet in <paramref name="buffer"/>[0..<paramref name="length"/>)
    /// in place, appending E||SRTCP index and the tag (<see cref="SrtpProfiles.RtcpOverhead"/> spare bytes needed).
    /// </summary>
    public bool TryProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        ObjectDisposedException.ThrowIf(disposed, this);
        int overhead = SrtpProfiles.SrtcpIndexLength + cipher.RtcpTagLength;
        if (length < RtcpHeaderLength || (uint)length > (uint)buffer.Length || buffer.Length - length < overhead
            || buffer[0] >> 6 != 2)
        {
            return false;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        SrtpStreamState? state = streams.GetOrAdd(ssrc);
        if (state is null)
        {
            return false;
        }

        uint index = state.NextRtcpIndex;
        state.NextRtcpIndex = (index + 1) & 0x7FFF_FFFF;
        protectedLength = cipher.EncryptRtcp(buffer, length, ssrc, index);
        return true;
    }

    /// <summary>
    /// Authenticates, replay-checks and (if E is set) decrypts an SRTCP packet in place.
    /// On <see cref="SrtpResult.Ok"/>, the plain compound RTCP packet is buffer[0..<paramref name="plainLength"/>).
    /// </summary>
    public SrtpResult UnprotectRtcp(Span<byte> buffer, int length, out int plainLength)
    {
        plainLength = 0;
        ObjectDisposedException.ThrowIf(disposed, this);
        int tagLength = cipher.RtcpTagLength;
        int overhead = SrtpProfiles.SrtcpIndexLength + tagLength;
        if ((uint)length > (uint)buffer.Length || length < RtcpHeaderLength + overhead)
        {
            return SrtpResult.TooShort;
        }

        Span<byte> packet = buffer[..length];
        if (packet[0] >> 6 != 2)
        {
            return SrtpResult.Malformed;
        }

        int wordOffset = cipher.RtcpIndexAfterTag ? length - SrtpProfiles.SrtcpIndexLength : length - overhead;
        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[wordOffset..]);
        bool encrypted = (word & 0x8000_0000u) != 0;
        uint index = word & 0x7FFF_FFFF;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        SrtpStreamState? state = streams.Find(ssrc);
        if (state is not null && state.Rtcp.IsReplay(index))
        {
            return SrtpResult.ReplayDetected;
        }

        if (!cipher.DecryptRtcp(packet, ssrc, index, encrypted))
        {
            return SrtpResult.AuthenticationFailed;
        }

        state ??= streams.GetOrAdd(ssrc);
        if (state is null)
        {
            return SrtpResult.Malformed;
        }

        state.Rtcp.Accept(index);
        plainLength = length - overhead;
        return SrtpResult.Ok;
    }
}
