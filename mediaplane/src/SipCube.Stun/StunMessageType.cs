namespace SipCube.Stun;

/// <summary>A STUN message type: a 12-bit method interleaved with the 2 class bits.</summary>
/// <remarks>
/// RFC 8489 §5, figure 3:
/// <code>
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly record struct StunMessageType(ushort Method, StunClass Class)
{
    /// <summary>The Binding method (0x001).</summary>
    public const ushort BindingMethod = 0x001;

    /// <summary>Binding request (0x0001).</summary>
    public static StunMessageType BindingRequest => new(BindingMethod, StunClass.Request);

    /// <summary>Binding success response (0x0101).</summary>
    public static StunMessageType BindingSuccess => new(BindingMethod, StunClass.SuccessResponse);

    /// <summary>Binding error response (0x0111).</summary>
    public static StunMessageType BindingError => new(BindingMethod, StunClass.ErrorResponse);

    /// <summary>Binding indication (0x0011).</summary>
    public static StunMessageType BindingIndication => new(BindingMethod, StunClass.Indication);

    /// <summary>Encodes to the 14-bit wire value.</summary>
    public ushort ToUInt16()
    {
        var m = Method & 0xFFF;
        var c = (int)Class;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7));
    }

    /// <summary>Decodes the 14-bit wire value (the two top bits must already be known to be zero).</summary>
    public static StunMessageType FromUInt16(ushort value)
    {
        var method = (value & 0x000F) | ((value & 0x00E0) >> 1) | ((value & 0x3E00) >> 2);
        var cls = ((value >> 4) & 1) | ((value >> 7) & 2);
        return new StunMessageType((ushort)method, (StunClass)cls);
    }
}
