using SipCube.Sip.Message;

namespace SipCube.Sip.Parsing;

/// <summary>Result of parsing: a message, a need for more bytes, a keep-alive, or an error with its offset.</summary>
/// <remarks>
/// Modelled on Kestrel's HttpParseResult: peer input never throws. On a validation error the message is
/// still attached when the head could be tokenised, so a 400 can be built from its Via, From, To,
/// Call-ID and CSeq (RFC 3261 §8.2.6).
/// </remarks>
public readonly struct SipParseResult
{
    private SipParseResult(SipParseStatus status, SipParseError error, int offset, int consumed, SipMessage? message)
    {
        Status = status;
        Error = error;
        ErrorOffset = offset;
        Consumed = consumed;
        Message = message;
    }

    /// <summary>The outcome.</summary>
    public SipParseStatus Status { get; }

    /// <summary>The error reason (None unless Status is Error).</summary>
    public SipParseError Error { get; }

    /// <summary>Byte offset of the offending line or value.</summary>
    public int ErrorOffset { get; }

    /// <summary>Bytes consumed from the input (0 for Incomplete; for stream errors 0 means framing is lost).</summary>
    public int Consumed { get; }

    /// <summary>The message (Complete), or the partially validated message (some Errors), or null.</summary>
    public SipMessage? Message { get; }

    /// <summary>A complete message.</summary>
    public static SipParseResult Complete(SipMessage message, int consumed) => new(SipParseStatus.Complete, SipParseError.None, 0, consumed, message);

    /// <summary>More bytes are needed.</summary>
    public static SipParseResult Incomplete { get; } = new(SipParseStatus.Incomplete, SipParseError.None, 0, 0, null);

    /// <summary>An error.</summary>
    public static SipParseResult Fail(SipParseError error, int offset, int consumed = 0, SipMessage? partial = null) =>
        new(SipParseStatus.Error, error, offset, consumed, partial);

    /// <summary>A keep-alive.</summary>
    public static SipParseResult KeepAlive(SipParseStatus status, int consumed) => new(status, SipParseError.None, 0, consumed, null);

    /// <inheritdoc/>
    public override string ToString() => Status == SipParseStatus.Error ? $"Error {Error} at {ErrorOffset}" : Status.ToString();
}
