namespace SipCube.Sip.Message;

/// <summary>Headers the stack understands; everything else is <see cref="Other"/> and kept verbatim.</summary>
/// <remarks>RFC 3261 §20 (compact forms §7.3.3).</remarks>
public enum SipHeaderKind
{
    /// <summary>Any header the stack does not interpret.</summary>
    Other,
    Via,
    From,
    To,
    CallId,
    CSeq,
    Contact,
    MaxForwards,
    ContentLength,
    ContentType,
    Expires,
    MinExpires,
    Require,
    ProxyRequire,
    Supported,
    Unsupported,
    Allow,
    Accept,
    Authorization,
    ProxyAuthorization,
    WwwAuthenticate,
    ProxyAuthenticate,
    Route,
    RecordRoute,
    UserAgent,
    Server,
    Date,
    Subject,
    ContentEncoding,
    Event,
    ReferTo,
}
