using System.Buffers.Binary;

namespace SipCube.Srtp;

/// <summary>SRTP (RTP) protect and unprotect.</summary>
/// <remarks>RFC 3711 §3.3; index estimation §3.3.1; replay §3.3.2</remarks>
public sealed partial class SrtpContext
{
    /// <summary>
    /// Encrypts and authenticates the RTP packet in <paramref name="buffer"/>[0..<paramref name="length"/>) in place.
    /// The buffer must have <see cref="SrtpProfiles.RtpOverhead"/> spare bytes after the packet for the tag.
    /// </summary>
    /// <returns>False when the packet is not a valid RTP header or the buffer has no room for the tag.</returns>
    public bool TryProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        ObjectDisposedException.ThrowIf(disposed, this);
        if ((uint)length > (uint)buffer.Length || buffer.Length - length < cipher.RtpTagLength)
        {
            return false;
        }

        if (RtpHeaderLength.TryGet(buffer[..length], out int headerLength) != SrtpResult.Ok)
        {
            return false;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        SrtpStreamState? state = streams.GetOrAdd(ssrc);
        if (state is null)
        {
            return false;
        }

        // The sender tracks its ROC the way the receiver will estimate it (RFC 3711 §3.3.1).
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        ulong index = state.Rtp.Started ? RtpIndexEstimator.Estimate(state.Rtp.Highest, sequence) : sequence;
        state.Rtp.Accept(index);
        cipher.EncryptRtp(buffer, headerLength, length, ssrc, index);
        protectedLength = length + cipher.RtpTagLength;
        return true;
    }

    /// <summary>
    /// Authenticates, replay-checks and decrypts the SRTP packet in <paramref name="buffer"/>[0..<paramref name="length"/>)
    /// in place. On <see cref="SrtpResult.Ok"/>, the plain RTP packet is buffer[0..<paramref name="plainLength"/>).
    /// </summary>
    public SrtpResult UnprotectRtp(Span<byte> buffer, int length, out int plainLength)
    {
        plainLength = 0;
        ObjectDisposedException.ThrowIf(disposed, this);
        int tagLength = cipher.RtpTagLength;
        if ((uint)length > (uint)buffer.Length || length < RtpHeaderLength.Fixed + tagLength)
        {
            return SrtpResult.TooShort;
        }

        Span<byte> packet = buffer[..length];
        SrtpResult header = RtpHeaderLength.TryGet(packet[..(length - tagLength)], out int headerLength);
        if (header != SrtpResult.Ok)
        {
            return header;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        SrtpStreamState? state = streams.Find(ssrc);
        ulong index = sequence;
        bool forwardRetry = false;
        if (state is not null && state.Rtp.Started)
        {
            index = RtpIndexEstimator.Estimate(state.Rtp.Highest, sequence);
            if (state.Rtp.IsReplay(index))
            {
                if (!state.Rtp.IsTooOld(index))
                {
                    return SrtpResult.ReplayDetected;
                }

                // Far behind the window: after a long hold the sender may simply have jumped ahead.
                // The ROC is authenticated, so trying that reading cannot accept a real replay.
                index = RtpIndexEstimator.ForwardAlternative(state.Rtp.Highest, sequence);
                forwardRetry = true;
                if (state.Rtp.IsReplay(index))
                {
                    return SrtpResult.ReplayDetected;
                }
            }
        }

        if (!cipher.DecryptRtp(packet, headerLength, ssrc, index))
        {
            return forwardRetry ? SrtpResult.ReplayDetected : SrtpResult.AuthenticationFailed;
        }

        state ??= streams.GetOrAdd(ssrc);
        if (state is null)
        {
            return SrtpResult.Malformed;
        }

        state.Rtp.Accept(index);
        plainLength = length - tagLength;
        return SrtpResult.Ok;
    }
}
