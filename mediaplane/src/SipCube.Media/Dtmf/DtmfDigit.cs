namespace SipCube.Media.Dtmf;

/// <summary>One completed telephone event.</summary>
/// <param name="Event">Event code (RFC 4733 §3.2: 0-9, 10 = *, 11 = #, 12-15 = A-D).</param>
/// <param name="DurationSamples">Duration in RTP timestamp units.</param>
public readonly record struct DtmfDigit(byte Event, ushort DurationSamples)
{
    /// <summary>The DTMF character, or '?' for a non-DTMF event.</summary>
    public char Symbol => Event switch
    {
        <= 9 => (char)('0' + Event),
        10 => '*',
        11 => '#',
        >= 12 and <= 15 => (char)('A' + Event - 12),
        _ => '?',
    };
}
