namespace SipCube.Sip.Parsing;

/// <summary>Why a message was rejected; each value maps to a 400-class reason phrase and a metric tag.</summary>
/// <remarks>RFC 3261 §7 (grammar), §8.2 (UAS checks), §18.3 (framing).</remarks>
public enum SipParseError
{
    None,
    MessageTooLarge,
    LineTooLong,
    TooManyHeaders,
    HeadIncomplete,
    InvalidStartLine,
    InvalidMethod,
    InvalidRequestUri,
    UnsupportedVersion,
    InvalidStatusCode,
    InvalidHeaderName,
    InvalidHeaderLine,
    InvalidHeaderValue,
    InvalidContentLength,
    MissingContentLength,
    BodyTruncated,
    DuplicateHeader,
    MissingHeader,
    InvalidVia,
    InvalidCSeq,
    CSeqMethodMismatch,
    InvalidFromOrTo,
    InvalidMaxForwards,
    InvalidContact,
}
