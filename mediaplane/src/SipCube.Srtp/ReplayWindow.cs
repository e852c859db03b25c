namespace SipCube.Srtp;

/// <summary>Sliding replay window over 48-bit SRTP (or 31-bit SRTCP) packet indices.</summary>
/// <remarks>RFC 3711 §3.3.2: the window must be at least 64; 128 (as libsrtp) leaves room for NACK
/// retransmissions of video. The window is updated only after the packet authenticated.</remarks>
internal struct ReplayWindow
{
    public const int Size = 128;

    private UInt128 seen;
    private ulong highest;
    private bool started;

    public readonly ulong Highest => highest;

    public readonly bool Started => started;

    /// <summary>True when <paramref name="index"/> is older than the window or already received.</summary>
    public readonly bool IsReplay(ulong index)
    {
        if (!started || index > highest)
        {
            return false;
        }

        ulong delta = highest - index;
        return delta >= Size || ((seen >> (int)delta) & UInt128.One) != UInt128.Zero;
    }

    /// <summary>True when <paramref name="index"/> is before the window (not merely a duplicate).</summary>
    public readonly bool IsTooOld(ulong index) => started && index < highest && highest - index >= Size;

    public void Accept(ulong index)
    {
        if (!started)
        {
            started = true;
            highest = index;
            seen = UInt128.One;
            return;
        }

        if (index > highest)
        {
            ulong shift = index - highest;
            seen = shift >= Size ? UInt128.One : (seen << (int)shift) | UInt128.One;
            highest = index;
        }
        else
        {
            seen |= UInt128.One << (int)(highest - index);
        }
    }
}
