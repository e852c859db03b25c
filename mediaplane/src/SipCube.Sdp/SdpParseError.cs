namespace SipCube.Sdp;

/// <summary>A parse failure with its reason and 1-based line number (0 when not line-specific).</summary>
public readonly record struct SdpParseError(SdpParseReason Reason, int Line);
