using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;
using SipCube.Dtls;

namespace SipCube.Calls.Media.Tests;

/// <summary>Bridges on 127.0.0.1 for tests, and a call event sink whose session is never run.</summary>
internal static class TestBridges
{
    public static readonly DtlsCertificate Certificate = DtlsCertificate.Generate(TimeProvider.System);

    public static MediaBridgeOptions Options(int sipMin = 0, int sipMax = 0) => new()
    {
        SipBindAddress = IPAddress.Loopback,
        SipPortMin = sipMin,
        SipPortMax = sipMax,
        WebRtcBindAddress = IPAddress.Loopback,
    };

    public static MediaBridgeFactory Factory(MediaBridgeOptions? options = null, TimeProvider? time = null) =>
        new(options ?? Options(), Certificate, time ?? TimeProvider.System, NullLoggerFactory.Instance);

    public static MediaBridge Create(MediaBridgeOptions? options = null, TimeProvider? time = null) =>
        (MediaBridge)Factory(options, time).Create("call-" + Guid.NewGuid().ToString("N"), Sink());

    public static CallEventSink Sink() =>
        new CallSession("sink-" + Guid.NewGuid().ToString("N"), new CallSessionServices { Router = new Unused(), Legs = new Unused(), Events = new Unused() }).Sink;

    /// <summary>The expected format list, without G.729's 18 where libbcg729 is missing.</summary>
    public static string[] WithG729(params string[] formats) =>
        SipCube.Media.Transcoding.TranscodingRelay.CanTranscode("G729", 8000) ? formats : [.. formats.Where(f => f != "18")];

    public static string Read(string name) => File.ReadAllText(Path.Combine(SipCube.Testing.RepositoryPaths.Tests, "testdata", "sdp", name));

    /// <summary>The session behind <see cref="Sink"/> never runs, so none of its ports is ever called.</summary>
    private sealed class Unused : ICallRouter, ILegFactory, ICallEvents
    {
        public ValueTask<CallRoute> RouteFromPhoneAsync(PhoneCallRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<CallRoute> RouteFromAppAsync(AppCallRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ISipLeg CreateSipLeg(string callId, SipContact contact, CallEventSink sink) => throw new NotSupportedException();

        public IWebRtcLeg CreateAppLeg(string callId, CallEventSink sink) => throw new NotSupportedException();

        public IMediaBridge CreateMediaBridge(string callId, CallEventSink sink) => throw new NotSupportedException();

        public void CallAnswered(string callId, CallDirection direction) => throw new NotSupportedException();

        public void CallEnded(CallDetailRecord record, Termination termination) => throw new NotSupportedException();
    }
}
