namespace SipCube.Testing.Phones;

/// <summary>Event <c>type</c> strings baresip 1.0's <c>ctrl_tcp</c> pushes (from <c>uag_event_str</c>).</summary>
public static class BaresipEventTypes
{
    /// <summary>A REGISTER got its 2xx.</summary>
    public const string RegisterOk = "REGISTER_OK";

    /// <summary>A REGISTER failed (param = reason).</summary>
    public const string RegisterFail = "REGISTER_FAIL";

    /// <summary>The account is unregistering (quit or uadel).</summary>
    public const string Unregistering = "UNREGISTERING";

    /// <summary>An INVITE arrived (param = caller URI).</summary>
    public const string CallIncoming = "CALL_INCOMING";

    /// <summary>Outgoing call got 180.</summary>
    public const string CallRinging = "CALL_RINGING";

    /// <summary>Outgoing call got 183 with early media.</summary>
    public const string CallProgress = "CALL_PROGRESS";

    /// <summary>The call is answered (2xx sent or received).</summary>
    public const string CallEstablished = "CALL_ESTABLISHED";

    /// <summary>First RTP arrived on a stream (param = media, e.g. audio).</summary>
    public const string CallRtpEstablished = "CALL_RTPESTAB";

    /// <summary>A DTMF digit started arriving (param = the digit; RFC 4733 or SIP INFO).</summary>
    public const string CallDtmfStart = "CALL_DTMF_START";

    /// <summary>The DTMF digit ended.</summary>
    public const string CallDtmfEnd = "CALL_DTMF_END";

    /// <summary>The call ended (param = reason, e.g. "Connection reset by user" or "486 Busy Here").</summary>
    public const string CallClosed = "CALL_CLOSED";

    /// <summary>The application is shutting down.</summary>
    public const string Shutdown = "SHUTDOWN";

    /// <summary>The application exits.</summary>
    public const string Exit = "EXIT";
}
