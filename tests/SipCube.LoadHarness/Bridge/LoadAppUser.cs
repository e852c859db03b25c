using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Rest;
using SipCube.ConnectyCube.Signaling;
using SipCube.Dtls;
using SipCube.Sdp;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// One ConnectyCube app user logged in to the node's emulator over XMPP with our signalling client; it accepts every
/// <c>call</c> it gets (one user may hold many sessions at once) with an SDP answer of ours and runs a
/// <see cref="LoadCall"/> for each. <c>hangUp</c> from the node ends the call; <see cref="HangUpAllAsync"/> ends
/// them from the app side.
/// </summary>
/// <remarks>connectycube-protocol.md §3.5 (callee: call → accept; either side: hangUp).</remarks>
internal sealed class LoadAppUser : IAsyncDisposable
{
    private readonly ConnectyCubeChatIdentity identity;
    private readonly LoadCallOptions options;
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private int counter;
    private long ended;

    private LoadAppUser(ConnectyCubeChatIdentity identity, LoadCallOptions options)
    {
        this.identity = identity;
        this.options = options;
        identity.Signaling.SignalReceived += OnSignal;
    }

    /// <summary>Our ConnectyCube user id.</summary>
    public int UserId => identity.UserId;

    /// <summary>Calls accepted and not yet ended.</summary>
    public IReadOnlyCollection<LoadCall> Calls => sessions.Values.Select(s => s.Call).ToList();

    /// <summary>Calls that ended (hung up by either side).</summary>
    public long Ended => Interlocked.Read(ref ended);

    /// <summary>Calls whose offer we could not use.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static async Task<LoadAppUser> StartAsync(ConnectyCubeTokenCache tokens, ConnectyCubeUserCredentials user, Uri chatUrl, LoadCallOptions options)
    {
        var identity = await ConnectyCubeChatIdentity.StartAsync(tokens, user, new ConnectyCubeChatOptions { ChatUrl = chatUrl, ChatDomain = chatUrl.Host });
        await identity.Chat.WaitOnlineAsync(TimeSpan.FromSeconds(30));
        return new LoadAppUser(identity, options);
    }

    /// <summary>Hangs every call up from the app side, <paramref name="perSecond"/> at a time.</summary>
    public async Task HangUpAllAsync(int perSecond, CancellationToken cancellationToken)
    {
        var gap = TimeSpan.FromSeconds(1.0 / Math.Max(1, perSecond));
        foreach (var (id, session) in sessions.ToArray())
        {
            var signal = new CallSignal { Type = CallSignalType.HangUp, SessionId = id, CallerId = session.CallerId, OpponentIds = [UserId] };
            await identity.Signaling.SendAsync(session.PeerId, signal, cancellationToken);
            End(id);
            await Task.Delay(gap, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        identity.Signaling.SignalReceived -= OnSignal;
        foreach (var id in sessions.Keys.ToArray())
        {
            End(id);
        }

        await identity.DisposeAsync();
    }

    private void OnSignal(CallSignal signal)
    {
        switch (signal.Type)
        {
            case CallSignalType.Call:
                _ = AcceptAsync(signal);
                break;
            case CallSignalType.HangUp or CallSignalType.Reject:
                End(signal.SessionId);
                break;
            default:
                break;
        }
    }

    private async Task AcceptAsync(CallSignal call)
    {
        if (sessions.ContainsKey(call.SessionId))
        {
            return;
        }

        if (!TryPrepare(call.Sdp, out var setup, out var answer, out var error))
        {
            Errors.Enqueue(call.SessionId + ": " + error);
            await identity.Signaling.SendAsync(call.SenderId, new CallSignal
            {
                Type = CallSignalType.Reject,
                SessionId = call.SessionId,
                CallerId = call.CallerId,
                OpponentIds = [UserId],
            });
            return;
        }

        var loadCall = new LoadCall(Interlocked.Increment(ref counter), call.SessionId, setup!, options.Measurement, options.Socket);
        if (!sessions.TryAdd(call.SessionId, new Session(loadCall, call.SenderId, call.CallerId)))
        {
            loadCall.Dispose();
            return;
        }

        var sdp = answer!.Replace("$PORT", options.Socket.LocalPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        loadCall.Start();
        options.Pacer.Add(loadCall);
        await identity.Signaling.SendAsync(call.SenderId, new CallSignal
        {
            Type = CallSignalType.Accept,
            SessionId = call.SessionId,
            CallType = call.CallType,
            CallerId = call.CallerId,
            OpponentIds = [UserId],
            Sdp = sdp,
        });
    }

    private bool TryPrepare(string? offerText, out LoadCallSetup? setup, out string? answer, out string? error)
    {
        (setup, answer, error) = (null, null, null);
        if (offerText is null || !SdpParser.TryParse(offerText, out var offer, out var parseError) || offer is null)
        {
            error = "unparsable offer";
            return false;
        }

        var audio = offer.Media.Find(m => m.Media == "audio" && m.Port != 0);
        var ufrag = audio is null ? null : offer.GetAttribute(audio, "ice-ufrag");
        var password = audio is null ? null : offer.GetAttribute(audio, "ice-pwd");
        var fingerprint = audio is null ? null : offer.GetAttribute(audio, "fingerprint")?.Split(' ');
        if (audio is null || ufrag is null || password is null || fingerprint is not { Length: 2 })
        {
            error = "offer without audio, ICE credentials or fingerprint";
            return false;
        }

        var map = audio.RtpMaps.FirstOrDefault(r => string.Equals(r.Encoding, options.Codec, StringComparison.OrdinalIgnoreCase));
        if (map is null)
        {
            error = "offer without " + options.Codec + ": " + string.Join(' ', audio.Formats);
            return false;
        }

        var candidate = audio.GetAttributes("candidate").FirstOrDefault()?.Split(' ');
        var remote = candidate is { Length: > 5 }
            ? new IPEndPoint(IPAddress.Parse(candidate[4]), int.Parse(candidate[5], CultureInfo.InvariantCulture))
            : new IPEndPoint(IPAddress.Parse(audio.Connection?.Address ?? offer.Connection!.Address), audio.Port);
        var localUfrag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var localPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        setup = new LoadCallSetup(remote, ufrag + ":" + localUfrag, password, fingerprint[1], options.Certificate, map.PayloadType,
            options.SamplesPerFrame, options.Payload, options.TaggedPayload);
        answer = Answer(audio.Mid ?? "0", map, localUfrag, localPassword);
        return true;
    }

    private string Answer(string mid, SdpRtpMap map, string ufrag, string password)
    {
        var ssrc = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var sdp = new StringBuilder()
            .Append("v=0\r\n")
            .Append(CultureInfo.InvariantCulture, $"o=- {ssrc} 2 IN IP4 127.0.0.1\r\n")
            .Append("s=-\r\nt=0 0\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=group:BUNDLE {mid}\r\n")
            .Append("a=msid-semantic: WMS load\r\n")
            .Append(CultureInfo.InvariantCulture, $"m=audio $PORT UDP/TLS/RTP/SAVPF {map.PayloadType}\r\n")
            .Append("c=IN IP4 127.0.0.1\r\n")
            .Append("a=rtcp:9 IN IP4 0.0.0.0\r\n")
            .Append("a=candidate:1 1 udp 2130706431 127.0.0.1 $PORT typ host\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=ice-ufrag:{ufrag}\r\na=ice-pwd:{password}\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=fingerprint:sha-256 {options.Certificate.Fingerprint}\r\n")
            .Append("a=setup:active\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=mid:{mid}\r\n")
            .Append("a=sendrecv\r\na=rtcp-mux\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=rtpmap:{map}\r\n")
            .Append(CultureInfo.InvariantCulture, $"a=ssrc:{ssrc} cname:load\r\n");
        return sdp.ToString();
    }

    private void End(string sessionId)
    {
        if (sessions.TryRemove(sessionId, out var session))
        {
            options.Pacer.Remove(session.Call);
            options.Finished.Enqueue(session.Call);
            session.Call.Dispose();
            Interlocked.Increment(ref ended);
        }
    }

    private sealed record Session(LoadCall Call, int PeerId, int CallerId);
}
