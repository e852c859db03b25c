using System.Threading.Channels;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Signaling;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>A ConnectyCube app user in a test: a chat identity and the signals it received, in order.</summary>
internal sealed class AppUser(ConnectyCubeChatIdentity identity) : IAsyncDisposable
{
    private readonly Channel<CallSignal> signals = Subscribe(identity);

    public ConnectyCubeChatIdentity Identity { get; } = identity;

    public int UserId => Identity.UserId;

    public CallSignaling Signaling => Identity.Signaling;

    /// <summary>The next signal of <paramref name="type"/> (others before it are skipped).</summary>
    public async Task<CallSignal> NextAsync(CallSignalType type)
    {
        using var timeout = new CancellationTokenSource(BridgeHarness.Wait);
        while (true)
        {
            var signal = await signals.Reader.ReadAsync(timeout.Token);
            if (signal.Type == type)
            {
                return signal;
            }
        }
    }

    /// <summary>Places a call to <paramref name="calleeId"/>; returns its session id.</summary>
    public async Task<string> CallAsync(int calleeId, string sdp = "v=0\r\ns=app-offer\r\n", string? callerName = "Bob App")
    {
        var sessionId = CallSignaling.NewSessionId();
        var info = callerName is null ? null : new Dictionary<string, string> { ["callerName"] = callerName };
        Assert.True(await Signaling.StartCallAsync(sessionId, CallType.Audio, [calleeId], sdp, info));
        return sessionId;
    }

    public Task<bool> SendAsync(CallSignalType type, string sessionId, int to, int callerId, string? sdp = null, bool busy = false) =>
        Signaling.SendAsync(to, new CallSignal
        {
            Type = type,
            SessionId = sessionId,
            CallType = CallType.Audio,
            CallerId = callerId,
            OpponentIds = [callerId == UserId ? to : UserId],
            Sdp = sdp,
            UserInfo = busy ? new Dictionary<string, string> { ["busy"] = "true" } : new Dictionary<string, string>(),
        });

    public ValueTask DisposeAsync() => Identity.DisposeAsync();

    private static Channel<CallSignal> Subscribe(ConnectyCubeChatIdentity identity)
    {
        var channel = Channel.CreateUnbounded<CallSignal>();
        identity.Signaling.SignalReceived += s => channel.Writer.TryWrite(s);
        return channel;
    }
}
