using System.Collections.Concurrent;
using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube.Tests.Fakes;

/// <summary>The host's side of the ports, faked: a router to one phone or one app user, a leg factory that uses the
/// real <see cref="ConnectyCubeAppLegFactory"/> for app legs, and a CDR recorder.</summary>
internal sealed class FakeNode(ConnectyCubeAppLegFactory appLegs, string offerToApp) : ICallRouter, ILegFactory, ICallEvents
{
    private readonly TaskCompletionSource<Termination> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int appRoutes;

    public MappingIdentity? Phone { get; set; }

    public long AppCallee { get; set; }

    public int AppRoutes => Volatile.Read(ref appRoutes);

    public ConcurrentQueue<FakeSipLeg> Forks { get; } = new();

    public FakeMediaBridge? Bridge { get; private set; }

    public ConcurrentQueue<AppCallRequest> AppRequests { get; } = new();

    public Task<Termination> Ended => ended.Task;

    public ValueTask<CallRoute> RouteFromPhoneAsync(PhoneCallRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CallRoute.ToApp(new AppCallTarget(AppCallee, request.Caller)));

    public ValueTask<CallRoute> RouteFromAppAsync(AppCallRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref appRoutes);
        AppRequests.Enqueue(request);
        return ValueTask.FromResult(CallRoute.ToPhone(Phone!, [new SipContact("sip:phone@127.0.0.1:5062")]));
    }

    public ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink)
    {
        var leg = new FakeSipLeg("fork-" + Forks.Count, sink);
        Forks.Enqueue(leg);
        return leg;
    }

    public IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink) => appLegs.Create(callId, sink);

    public IMediaBridge CreateMediaBridge(string callId, CallEventSink sink) => Bridge = new FakeMediaBridge(offerToApp);

    public void CallAnswered(string callId, CallDirection direction)
    {
    }

    public void CallEnded(CallDetailRecord record, Termination termination) => ended.TrySetResult(termination);
}
