using SipCube.Calls.Ports;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>New fakes for every call, for tests that run many calls at once.</summary>
internal sealed class FreshLegFactory : ILegFactory
{
    public ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink) => new FakeSipLeg($"{callId}-fork");

    public IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink) => new FakeAppLeg($"{callId}-app");

    public IMediaBridge CreateMediaBridge(string callId, CallEventSink sink) => new FakeMediaBridge();
}
