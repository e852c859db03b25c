namespace SipCube.Sip.Parsing;

/// <summary>Outcome of one parse step.</summary>
/// <remarks>RFC 3261 §7; keep-alives RFC 5626 §4.4.1 (CRLFCRLF ping, CRLF pong).</remarks>
public enum SipParseStatus
{
    /// <summary>More bytes are needed; nothing was consumed.</summary>
    Incomplete,

    /// <summary>A message was parsed.</summary>
    Complete,

    /// <summary>The bytes are not a valid message.</summary>
    Error,

    /// <summary>A CRLFCRLF keep-alive ping (answer with one CRLF).</summary>
    KeepAlivePing,

    /// <summary>A lone CRLF (a pong, or an allowed CRLF before a start line).</summary>
    KeepAlivePong,
}
