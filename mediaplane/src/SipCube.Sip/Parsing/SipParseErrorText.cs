namespace SipCube.Sip.Parsing;

/// <summary>The one table from parse error to the reason phrase of the 400 we send.</summary>
/// <remarks>RFC 3261 §21.4.1: the reason phrase SHOULD say what was wrong. Peer bytes never appear here.</remarks>
public static class SipParseErrorText
{
    /// <summary>Reason phrase for a 400 caused by <paramref name="error"/>.</summary>
    public static string ReasonPhrase(SipParseError error) => error switch
    {
        SipParseError.MessageTooLarge => "Bad Request - Message Too Large",
        SipParseError.LineTooLong => "Bad Request - Line Too Long",
        SipParseError.TooManyHeaders => "Bad Request - Too Many Headers",
        SipParseError.InvalidHeaderName => "Bad Request - Invalid Header Name",
        SipParseError.InvalidHeaderLine => "Bad Request - Malformed Header Line",
        SipParseError.InvalidHeaderValue => "Bad Request - Invalid Characters In Header",
        SipParseError.InvalidContentLength => "Bad Request - Invalid Content-Length",
        SipParseError.MissingContentLength => "Bad Request - Missing Content-Length",
        SipParseError.BodyTruncated => "Bad Request - Content-Length Exceeds Body",
        SipParseError.DuplicateHeader => "Bad Request - Duplicate Single-Value Header",
        SipParseError.MissingHeader => "Bad Request - Missing Mandatory Header",
        SipParseError.InvalidVia => "Bad Request - Malformed Via",
        SipParseError.InvalidCSeq => "Bad Request - Malformed CSeq",
        SipParseError.CSeqMethodMismatch => "Bad Request - CSeq Method Mismatch",
        SipParseError.InvalidFromOrTo => "Bad Request - Malformed From or To",
        SipParseError.InvalidMaxForwards => "Bad Request - Malformed Max-Forwards",
        SipParseError.InvalidContact => "Bad Request - Malformed Contact",
        _ => "Bad Request",
    };
}
