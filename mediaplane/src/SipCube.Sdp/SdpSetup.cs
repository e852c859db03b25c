namespace SipCube.Sdp;

/// <summary><c>a=setup</c> values: who opens the DTLS association.</summary>
/// <remarks>RFC 4145 §4, RFC 8842 §5.3 (offerer uses actpass; answerer active or passive)</remarks>
public enum SdpSetup
{
    /// <summary><c>actpass</c>: either.</summary>
    ActPass,

    /// <summary><c>active</c>: this side is the DTLS client.</summary>
    Active,

    /// <summary><c>passive</c>: this side is the DTLS server.</summary>
    Passive,

    /// <summary><c>holdconn</c>: not now.</summary>
    HoldConn,
}
