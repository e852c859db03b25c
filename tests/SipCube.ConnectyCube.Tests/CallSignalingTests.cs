using Microsoft.Extensions.Time.Testing;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;
using SipCube.ConnectyCube.Signaling;

namespace SipCube.ConnectyCube.Tests;

public sealed class CallSignalingTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly HttpClient _http = new();
    private ConnectyCubeEmulatorHost _emulator = null!;
    private ConnectyCubeChatIdentity _alice = null!;
    private ConnectyCubeChatIdentity _bob = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
        var rest = new ConnectyCubeRestClient(_http, new ConnectyCubeRestOptions { ApiUrl = _emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local" });
        var tokens = new ConnectyCubeTokenCache(rest);
        var chat = new ConnectyCubeChatOptions { ChatUrl = _emulator.ChatUri, ChatDomain = "127.0.0.1" };
        _alice = await ConnectyCubeChatIdentity.StartAsync(tokens, ConnectyCubeUserCredentials.ForLogin("alice", "pa"), chat, _clock);
        _bob = await ConnectyCubeChatIdentity.StartAsync(tokens, ConnectyCubeUserCredentials.ForLogin("bob", "pb"), new ConnectyCubeChatOptions { ChatUrl = _emulator.ChatUri, ChatDomain = "localhost", UseTokenAsPassword = true }, _clock);
        await _alice.Chat.WaitOnlineAsync(Wait);
        await _bob.Chat.WaitOnlineAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Unanswered_call_is_resent_every_five_seconds_delivered_once_and_given_up_at_sixty()
    {
        var rawCalls = 0;
        _bob.Chat.StanzaReceived += s => Interlocked.Increment(ref rawCalls);
        var signals = new List<CallSignal>();
        _bob.Signaling.SignalReceived += s =>
        {
            lock (signals)
            {
                signals.Add(s);
            }
        };
        var notAnswered = new TaskCompletionSource<(string, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _alice.Signaling.CallNotAnswered += (id, callee) => notAnswered.TrySetResult((id, callee));
        var sessionId = CallSignaling.NewSessionId();

        await _alice.Signaling.StartCallAsync(sessionId, CallType.Audio, [_bob.UserId], "v=0\r\n", new Dictionary<string, string> { ["callerName"] = "2001" });
        await WaitUntil(() => Volatile.Read(ref rawCalls) == 1);
        for (var i = 2; i <= 12; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            var expected = i;
            await WaitUntil(() => Volatile.Read(ref rawCalls) == expected);
        }

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal((sessionId, _bob.UserId), await notAnswered.Task.WaitAsync(Wait));
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Equal(12, Volatile.Read(ref rawCalls));
        var call = Assert.Single(signals);
        Assert.Equal((CallSignalType.Call, _alice.UserId, _alice.UserId, "2001"), (call.Type, call.SenderId, call.CallerId, call.UserInfo["callerName"]));
        Assert.Equal("v=0\r\n", call.Sdp);
    }

    [Fact]
    public async Task Accept_stops_the_resend_and_reaches_the_caller()
    {
        var rawCalls = 0;
        _bob.Chat.StanzaReceived += _ => Interlocked.Increment(ref rawCalls);
        var accepted = new TaskCompletionSource<CallSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        _alice.Signaling.SignalReceived += s => accepted.TrySetResult(s);
        var sessionId = CallSignaling.NewSessionId();
        await _alice.Signaling.StartCallAsync(sessionId, CallType.Video, [_bob.UserId], "v=0\r\n");
        await WaitUntil(() => Volatile.Read(ref rawCalls) == 1);

        await _bob.Signaling.SendAsync(_alice.UserId, new CallSignal
        {
            Type = CallSignalType.Accept,
            SessionId = sessionId,
            CallType = CallType.Video,
            CallerId = _alice.UserId,
            OpponentIds = [_bob.UserId],
            Sdp = "v=0\r\na=answer\r\n",
        });
        var accept = await accepted.Task.WaitAsync(Wait);
        Assert.Equal((CallSignalType.Accept, _bob.UserId, "v=0\r\na=answer\r\n"), (accept.Type, accept.SenderId, accept.Sdp));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Equal(1, Volatile.Read(ref rawCalls));
    }

    [Fact]
    public async Task Ice_candidates_and_hang_up_are_delivered_both_ways()
    {
        var atBob = new TaskCompletionSource<CallSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        var atAlice = new TaskCompletionSource<CallSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bob.Signaling.SignalReceived += s => atBob.TrySetResult(s);
        _alice.Signaling.SignalReceived += s => atAlice.TrySetResult(s);

        await _alice.Signaling.SendAsync(_bob.UserId, new CallSignal
        {
            Type = CallSignalType.IceCandidates,
            SessionId = "s-ice",
            CallerId = _alice.UserId,
            OpponentIds = [_bob.UserId],
            IceCandidates = [new IceCandidate(0, "0", "candidate:1 1 udp 1 127.0.0.1 9 typ host")],
        });
        await _bob.Signaling.SendAsync(_alice.UserId, new CallSignal { Type = CallSignalType.HangUp, SessionId = "s-ice", CallerId = _alice.UserId });

        Assert.Equal("candidate:1 1 udp 1 127.0.0.1 9 typ host", (await atBob.Task.WaitAsync(Wait)).IceCandidates.Single().Candidate);
        Assert.Equal(CallSignalType.HangUp, (await atAlice.Task.WaitAsync(Wait)).Type);
    }

    [Fact]
    public async Task Identity_is_back_and_receiving_calls_within_five_seconds_after_the_server_drops_the_socket()
    {
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bob.Chat.Online += _ => back.TrySetResult();
        var received = new TaskCompletionSource<CallSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bob.Signaling.SignalReceived += s => received.TrySetResult(s);

        var dropped = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, _emulator.DisconnectChat(_bob.UserId, 1));

        // The reconnect backoff runs on the fake clock: move it on in small steps until the session is back.
        while (!back.Task.IsCompleted)
        {
            Assert.True(dropped.Elapsed < Wait, "not back in time");
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(20);
        }

        await _alice.Signaling.StartCallAsync(CallSignaling.NewSessionId(), CallType.Audio, [_bob.UserId], "v=0\r\n");
        await received.Task.WaitAsync(Wait);
        Assert.True(dropped.Elapsed < TimeSpan.FromSeconds(5), $"back and receiving after {dropped.Elapsed}");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
