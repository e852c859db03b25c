using SipCube.Calls.Ports;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>Hands out fakes and remembers them.</summary>
internal sealed class FakeLegFactory : ILegFactory
{
    public FakeAppLeg AppLeg { get; } = new();

    public FakeMediaBridge Bridge { get; } = new();

    public List<FakeSipLeg> SipLegs { get; } = [];

    public ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink)
    {
        var leg = new FakeSipLeg($"fork{SipLegs.Count}", contact);
        SipLegs.Add(leg);
        return leg;
    }

    public IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink) => AppLeg;

    public IMediaBridge CreateMediaBridge(string callId, CallEventSink sink) => Bridge;
}
