using SipCube.Calls;
using SipCube.Calls.ConnectyCube;
using SipCube.Calls.Media;
using SipCube.Calls.Ports;
using SipCube.Calls.Sip;

namespace SipCube.MediaNode.Calls;

/// <summary>The node's legs: SIP legs from the SIP edge, app legs from the ConnectyCube edge, media bridges from the media
/// edge. The only place that knows all three.</summary>
internal sealed class NodeLegFactory(SipLegFactory sip, ConnectyCubeAppLegFactory app, MediaBridgeFactory media) : ILegFactory
{
    public ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink) => sip.Create(callId, contact, sink);

    public IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink) => app.Create(callId, sink);

    public IMediaBridge CreateMediaBridge(string callId, CallEventSink sink) => media.Create(callId, sink);
}
