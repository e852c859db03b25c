using SipCube.Testing;
using SipCube.Testing.Audio;
using SipCube.Testing.Phones;

namespace SipCube.Sip.Tests.Harness;

/// <summary>Two real baresip phones calling each other directly (no registrar), proving the end-to-end phone harness.</summary>
[Trait("Category", "Interop")]
public sealed class BaresipPhoneTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    // Enough audio for a 1 s analysis window after the jitter buffer settles; not a synchronisation point.
    private static readonly TimeSpan TalkTime = TimeSpan.FromSeconds(2.5);

    [SkippableTheory]
    [InlineData(BaresipCodecs.Pcmu, PhoneTransport.Udp)]
    [InlineData(BaresipCodecs.Opus, PhoneTransport.Tcp)]
    [InlineData(BaresipCodecs.G722, PhoneTransport.Udp)]
    public async Task Two_phones_hear_each_others_tone(string codec, PhoneTransport transport)
    {
        InteropPeer.RequirePrivateNetwork();
        await using var alice = await BaresipPhone.StartAsync(Options("alice", 1000, codec, transport));
        await using var bob = await BaresipPhone.StartAsync(Options("bob", 600, codec, transport));

        await alice.DialAsync(bob.DirectUri);
        var incoming = await bob.WaitForEventAsync(BaresipEventTypes.CallIncoming, Bound);
        Assert.Equal("incoming", incoming.Direction);
        await alice.WaitForEventAsync(BaresipEventTypes.CallRinging, Bound);
        await bob.AnswerAsync();
        await alice.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        await bob.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        await alice.WaitForEventAsync(BaresipEventTypes.CallRtpEstablished, Bound);
        await bob.WaitForEventAsync(BaresipEventTypes.CallRtpEstablished, Bound);
        await Task.Delay(TalkTime);
        await alice.HangUpAsync();
        await alice.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        await bob.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);

        var aliceHeard = ToneAnalysis.AnalyzeWav(await alice.WaitForReceivedAudioAsync(Bound));
        var bobHeard = ToneAnalysis.AnalyzeWav(await bob.WaitForReceivedAudioAsync(Bound));
        Assert.True(aliceHeard.IsToneNear(600, 20), "alice heard " + aliceHeard);
        Assert.True(bobHeard.IsToneNear(1000, 20), "bob heard " + bobHeard);
        var wav = WavAudio.Read(alice.ReceivedAudioPath!);
        Assert.Equal(BaresipCodecs.AudioFormatOf(codec).SampleRate, wav.SampleRate);
    }

    [SkippableFact]
    public async Task A_rejected_call_closes_on_the_caller_with_486()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var alice = await BaresipPhone.StartAsync(Options("alice", 1000));
        await using var bob = await BaresipPhone.StartAsync(Options("bob", 600));

        await alice.DialAsync(bob.DirectUri);
        await bob.WaitForEventAsync(BaresipEventTypes.CallIncoming, Bound);
        await bob.HangUpAsync();

        var closed = await alice.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        Assert.Contains("486", closed.Param, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Events, e => e.Type == BaresipEventTypes.CallEstablished);
    }

    [SkippableFact]
    public async Task A_call_hung_up_while_ringing_is_cancelled_on_the_callee()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var alice = await BaresipPhone.StartAsync(Options("alice", 1000));
        await using var bob = await BaresipPhone.StartAsync(Options("bob", 600));

        await alice.DialAsync(bob.DirectUri);
        await bob.WaitForEventAsync(BaresipEventTypes.CallIncoming, Bound);
        await alice.WaitForEventAsync(BaresipEventTypes.CallRinging, Bound);
        await alice.HangUpAsync();

        await bob.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        await alice.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        Assert.DoesNotContain(bob.Events, e => e.Type == BaresipEventTypes.CallEstablished);
    }

    [SkippableFact]
    public async Task An_auto_answering_phone_is_hung_up_on_by_the_callee()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var alice = await BaresipPhone.StartAsync(Options("alice", 1000));
        await using var bob = await BaresipPhone.StartAsync(Options("bob", 600) with { AutoAnswer = true });

        await alice.DialAsync(bob.DirectUri);
        await alice.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        await bob.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        await bob.HangUpAsync();

        var closed = await alice.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        Assert.Equal("outgoing", closed.Direction);
    }

    private static BaresipPhoneOptions Options(string user, double hz, string codec = BaresipCodecs.Pcmu,
        PhoneTransport transport = PhoneTransport.Udp) => new()
        {
            User = user,
            ToneHz = hz,
            ToneSeconds = 30,
            AudioCodecs = [codec],
            Transport = transport,
        };
}
