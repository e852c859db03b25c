namespace SipCube.Sip.Parsing;

/// <summary>Size limits enforced while parsing, each with its own error reason.</summary>
/// <remarks>RFC 3261 §18.1.1 (UDP messages up to 65,535 bytes); the rest are local policy against abuse.</remarks>
public sealed record SipParserLimits
{
    /// <summary>The defaults used by the transports.</summary>
    public static SipParserLimits Default { get; } = new();

    /// <summary>Largest whole message (head plus body) in bytes.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Most header lines in one message.</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Longest single physical line in bytes.</summary>
    public int MaxLineLength { get; init; } = 8_192;
}
