using System.Globalization;
using SipCube.Calls.Ports;
using SipCube.Sip.Auth;
using SipCube.Testing;
using SipCube.Testing.Phones;

namespace SipCube.Calls.Sip.Tests.Interop;

/// <summary>baresip 1.0 as a registered phone on both sides of the SIP edge (UDP and TCP), inside the private network
/// namespace. The app side is a fake that answers at once; media is not checked here (that is the host's E2E test).</summary>
[Trait("Category", "Interop")]
public class BaresipBridgeInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static BaresipPhoneOptions Alice(BridgeUnderTest bridge, PhoneTransport transport, bool autoAnswer = false) => new()
    {
        User = "alice",
        Password = "secret",
        Registrar = "127.0.0.1:" + bridge.Port.ToString(CultureInfo.InvariantCulture),
        Transport = transport,
        AutoAnswer = autoAnswer,
        RecordAudio = false,
    };

    [SkippableTheory]
    [InlineData(PhoneTransport.Udp)]
    [InlineData(PhoneTransport.Tcp)]
    public async Task Baresip_calls_the_app_through_the_407_challenge_and_hangs_up(PhoneTransport transport)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("baresip");
        await using var bridge = await BridgeUnderTest.StartAsync([DigestAlgorithm.Md5]);
        await using var phone = await BaresipPhone.StartAsync(Alice(bridge, transport));
        await phone.WaitForRegisteredAsync(Bound);

        await phone.DialAsync("sip:2002@test.local");
        await phone.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        var app = Assert.Single(bridge.Factory.AppLegs);
        Assert.Contains("m=audio", await app.Called.Task.WaitAsync(Bound), StringComparison.Ordinal);

        await phone.HangUpAsync();
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        Assert.Equal(AppEnding.HangUp, await app.Ended.Task.WaitAsync(Bound));
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.EndedAsync(Bound)).Reason);
    }

    [SkippableTheory]
    [InlineData(PhoneTransport.Udp)]
    [InlineData(PhoneTransport.Tcp)]
    public async Task The_app_calls_registered_baresip_on_its_flow_and_hangs_up(PhoneTransport transport)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("baresip");
        await using var bridge = await BridgeUnderTest.StartAsync([DigestAlgorithm.Md5]);
        await using var phone = await BaresipPhone.StartAsync(Alice(bridge, transport, autoAnswer: true));
        await phone.WaitForRegisteredAsync(Bound);
        var binding = Assert.Single(bridge.Location.GetContacts("sip:alice@test.local"));
        Assert.Equal(transport == PhoneTransport.Tcp ? "TCP" : "UDP", binding.Flow.Transport);

        var session = bridge.Registry.TryStart("baresip-app-call")!;
        var app = new FakeAppLeg();
        session.Sink.Post(new CallEvent.AppCallStarted(app, new AppCallRequest
        {
            SessionId = "cc-baresip",
            CallerUserId = 2002,
            CalleeUserId = 1001,
            SdpOffer = BridgeUnderTest.AnswerSdp,
        }));
        await phone.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        Assert.Contains("m=audio", await app.Accepted.Task.WaitAsync(Bound), StringComparison.Ordinal);

        session.Sink.Post(new CallEvent.AppHungUp());
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.EndedAsync(Bound)).Reason);
    }
}
