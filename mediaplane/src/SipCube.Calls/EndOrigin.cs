namespace SipCube.Calls;

/// <summary>Which side's own action ended the call; that side is not signalled again (it already knows).</summary>
internal enum EndOrigin
{
    /// <summary>Neither: a timer, routing, the node, or an ending both sides must hear about.</summary>
    None = 0,

    /// <summary>The SIP side (BYE, final response, transport failure).</summary>
    Sip = 1,

    /// <summary>The app side (hangUp, reject, XMPP failure).</summary>
    App = 2,
}
