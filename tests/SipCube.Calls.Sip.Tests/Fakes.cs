using System.Collections.Concurrent;
using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.Sip.Tests;

/// <summary>The app side of a call, recorded: what the session asked it to do. With <paramref name="autoAnswer"/> it
/// rings and accepts at once with <paramref name="answerSdp"/>, like an app user picking up.</summary>
internal sealed class FakeAppLeg(CallEventSink? autoAnswer = null, string? answerSdp = null) : IWebRtcLeg
{
    public string LegId { get; } = "app-" + Guid.NewGuid().ToString("N")[..8];

    public TaskCompletionSource<string> Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<AppEnding> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask CallAsync(AppCallTarget target, string sdpOffer, CancellationToken cancellationToken)
    {
        Called.TrySetResult(sdpOffer);
        if (autoAnswer is not null)
        {
            autoAnswer.Post(new CallEvent.AppRinging());
            autoAnswer.Post(new CallEvent.AppAccepted(answerSdp ?? string.Empty));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AcceptAsync(string sdpAnswer, CancellationToken cancellationToken)
    {
        Accepted.TrySetResult(sdpAnswer);
        return ValueTask.CompletedTask;
    }

    public ValueTask EndAsync(AppEnding ending, CancellationToken cancellationToken)
    {
        Ended.TrySetResult(ending);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A media bridge that passes SDP through unchanged (a re-offer is answered with "answer:" + the offer); it
/// records re-offers and digits, can refuse re-offers as incompatible, or hold them until <see cref="Gate"/> opens.</summary>
internal sealed class EchoBridge : IMediaBridge
{
    public ConcurrentQueue<string> Updates { get; } = new();

    public ConcurrentQueue<(char Digit, TimeSpan Duration)> Digits { get; } = new();

    public bool Incompatible { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Builds the answer to a re-offer; null answers "answer:" + the offer.</summary>
    public Func<string, string>? Reanswer { get; init; }

    public ValueTask<string> CreateOfferAsync(MediaSide offeringSide, string remoteOffer, CancellationToken cancellationToken) => ValueTask.FromResult(remoteOffer);

    public ValueTask<string> CompleteAsync(MediaSide answeringSide, string remoteAnswer, CancellationToken cancellationToken) => ValueTask.FromResult(remoteAnswer);

    public async ValueTask<string> UpdateFromPhoneAsync(string remoteOffer, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }

        if (Incompatible)
        {
            throw new IncompatibleMediaException("no codec of the re-offer can be carried");
        }

        Updates.Enqueue(remoteOffer);
        return Reanswer?.Invoke(remoteOffer) ?? "answer:" + remoteOffer;
    }

    public void SendDtmfToApp(char digit, TimeSpan duration) => Digits.Enqueue((digit, duration));

    public MediaBridgeStats GetStats() => MediaBridgeStats.Empty;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Routes every phone call to app user 2002 and every app call to alice's contacts.</summary>
internal sealed class FakeRouter(IContactLocator contacts, MappingIdentity phone) : ICallRouter
{
    public ValueTask<CallRoute> RouteFromPhoneAsync(PhoneCallRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CallRoute.ToApp(new AppCallTarget(2002, request.Caller)));

    public ValueTask<CallRoute> RouteFromAppAsync(AppCallRequest request, CancellationToken cancellationToken)
    {
        var targets = contacts.GetContacts(phone.SipUri);
        return ValueTask.FromResult(targets.Count == 0 ? CallRoute.Refuse(TerminationReason.Unavailable) : CallRoute.ToPhone(phone, targets));
    }
}

/// <summary>Mappings by user name.</summary>
internal sealed class FakeMappings : IMappingLookup
{
    public ConcurrentDictionary<string, MappingIdentity> ByUser { get; } = new(StringComparer.Ordinal);

    public ValueTask<MappingIdentity?> FindBySipUriAsync(string user, string domain, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ByUser.TryGetValue(user, out var m) && m.Domain == domain ? m : null);

    public ValueTask<MappingIdentity?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ByUser.Values.FirstOrDefault(m => m.ConnectyCubeUserId == connectyCubeUserId));

    public void Invalidate(MappingChanged change)
    {
    }
}

/// <summary>Records how calls ended.</summary>
internal sealed class RecordingEvents : ICallEvents
{
    public ConcurrentQueue<Termination> Ended { get; } = new();

    /// <summary>Completes once a call was answered on both sides (the SIP leg's answer has fully returned).</summary>
    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void CallAnswered(string callId, CallDirection direction) => Answered.TrySetResult();

    public void CallEnded(CallDetailRecord record, Termination termination) => Ended.Enqueue(termination);
}

/// <summary>SIP legs from the adapter under test; app legs and bridges are fakes.</summary>
internal sealed class TestLegFactory(Func<SipLegFactory> sip) : ILegFactory
{
    public ConcurrentQueue<FakeAppLeg> AppLegs { get; } = new();

    /// <summary>When set, every app leg answers at once with this SDP.</summary>
    public string? AutoAnswerSdp { get; set; }

    public ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink) => sip().Create(callId, contact, sink);

    public IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink)
    {
        var leg = AutoAnswerSdp is null ? new FakeAppLeg() : new FakeAppLeg(sink, AutoAnswerSdp);
        AppLegs.Enqueue(leg);
        return leg;
    }

    /// <summary>Every bridge handed out, in order.</summary>
    public ConcurrentQueue<EchoBridge> Bridges { get; } = new();

    /// <summary>Passed to every bridge: how it answers a re-offer.</summary>
    public Func<string, string>? Reanswer { get; set; }

    public IMediaBridge CreateMediaBridge(string callId, CallEventSink sink)
    {
        var bridge = new EchoBridge { Reanswer = Reanswer };
        Bridges.Enqueue(bridge);
        return bridge;
    }
}
