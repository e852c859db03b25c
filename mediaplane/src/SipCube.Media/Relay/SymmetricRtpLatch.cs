using System.Net;
using SipCube.Media.Rtp;

namespace SipCube.Media.Relay;

/// <summary>
/// Decides which source address the SIP leg's media comes from and goes to (symmetric RTP / comedia). It latches to
/// the address signalled in the phone's SDP as soon as media arrives from it; for a NATed phone whose SDP shows a
/// private address, it latches to the first RTP-looking packet (version 2, a negotiated payload type) from elsewhere,
/// but only within a short window after the answer. After that, packets from anywhere else are dropped: this is the
/// RTP-bleed guard (a stranger spraying the port cannot take over the stream).
/// </summary>
/// <remarks>RFC 4961 (symmetric RTP), RFC 7362 §4 (latching and its risks). Addresses are compared as
/// <see cref="SocketAddress"/> so the check allocates nothing.</remarks>
public sealed class SymmetricRtpLatch
{
    private readonly long windowTicks;
    private SocketAddress? signalled;
    private SocketAddress? latched;
    private long windowStart;
    private bool opened;

    /// <summary>Creates a latch that accepts a non-signalled source during <paramref name="window"/> after
    /// <see cref="Open"/>, in ticks of <paramref name="timestampFrequency"/>.</summary>
    public SymmetricRtpLatch(TimeSpan window, long timestampFrequency) =>
        windowTicks = (long)(window.TotalSeconds * timestampFrequency);

    /// <summary>The address media is sent to: the latched one, else the signalled one; null before either.</summary>
    public SocketAddress? Destination => latched ?? signalled;

    /// <summary>True once a source is latched.</summary>
    public bool IsLatched => latched is not null;

    /// <summary>Sets (or, after a re-INVITE, changes) the address from the phone's SDP. A changed address unlatches.</summary>
    public void SetSignalled(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Serialize();
        if (signalled is not null && signalled.Equals(address))
        {
            return;
        }

        signalled = address;
        latched = null;
    }

    /// <summary>Opens the latching window (at the answer, and again after a re-INVITE).</summary>
    public void Open(long now)
    {
        windowStart = now;
        opened = true;
    }

    /// <summary>Whether a packet from <paramref name="source"/> is accepted; may latch to it.</summary>
    public bool Accept(SocketAddress source, ReadOnlySpan<byte> packet, PayloadTypeMap payloadTypes, long now)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(payloadTypes);
        if (latched is not null)
        {
            return latched.Equals(source);
        }

        if (signalled is not null && signalled.Equals(source))
        {
            latched = Copy(source);
            return true;
        }

        var inWindow = opened && now >= windowStart && now - windowStart <= windowTicks;
        if (inWindow && LooksLikeOurRtp(packet, payloadTypes))
        {
            latched = Copy(source);
            return true;
        }

        return false;
    }

    private static bool LooksLikeOurRtp(ReadOnlySpan<byte> packet, PayloadTypeMap payloadTypes) =>
        RtpHeaderView.TryGetHeaderLength(packet, out _)
        && !RtpHeaderView.LooksLikeRtcp(packet)
        && payloadTypes.TryMap(RtpHeaderView.PayloadType(packet), out _);

    private static SocketAddress Copy(SocketAddress source)
    {
        // Latching happens once per call; the receive loop reuses its SocketAddress, so keep our own copy.
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span.CopyTo(copy.Buffer.Span);
        return copy;
    }
}
