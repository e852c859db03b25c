namespace SipCube.Calls.Ports;

/// <summary>Creates the legs and media bridge a call needs; each reports back into <paramref name="sink"/>.</summary>
public interface ILegFactory
{
    /// <summary>An outbound SIP leg to one registered contact (one per fork).</summary>
    ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink);

    /// <summary>An outbound app leg (phone -> app).</summary>
    IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink);

    /// <summary>The media bridge of the call.</summary>
    IMediaBridge CreateMediaBridge(string callId, CallEventSink sink);
}
