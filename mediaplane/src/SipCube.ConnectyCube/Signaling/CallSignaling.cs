using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Xmpp.Session;

namespace SipCube.ConnectyCube.Signaling;

/// <summary>
/// The P2P call-signalling dialect over one XMPP identity: typed send and receive of every signal, the caller's
/// re-send of <c>call</c> every 5 s until the callee answers, the 60 s give-up, and duplicate suppression. It knows
/// nothing of SIP. Timers run on <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// connectycube-protocol.md §3.5. Per (session, callee) while dialing:
/// <code>
///  StartCall ─send call─▶ Dialing ─every 5 s: send call─┐
///                          │  ▲─────────────────────────┘
///                          ├─ accept / reject received ─▶ stop (signal raised)
///                          ├─ we send hangUp            ─▶ stop
///                          └─ 60 s elapsed              ─▶ stop, CallNotAnswered
/// </code>
/// </remarks>
public sealed partial class CallSignaling : IDisposable
{
    private readonly XmppClient _client;
    private readonly CallSignalingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string SessionId, int Callee), Dialing> _dialing = [];
    private readonly RecentSet _seen;

    /// <summary>Attaches to <paramref name="client"/>'s inbound stanzas.</summary>
    public CallSignaling(XmppClient client, CallSignalingOptions options, TimeProvider? timeProvider = null, ILogger<CallSignaling>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _seen = new RecentSet(options.DuplicateMemory);
        _client.StanzaReceived += OnStanza;
    }

    /// <summary>Raised for each new signal addressed to us (re-sent calls and repeated answers are suppressed).</summary>
    public event Action<CallSignal>? SignalReceived;

    /// <summary>Raised with (sessionId, calleeId) when a call we placed got no answer within the answer timeout.</summary>
    public event Action<string, int>? CallNotAnswered;

    /// <summary>A fresh session id (UUID v4, as the web SDK uses).</summary>
    public static string NewSessionId() => Guid.NewGuid().ToString();

    /// <summary>The bare JID of a user of our application.</summary>
    public string JidOf(int userId) =>
        string.Create(CultureInfo.InvariantCulture, $"{userId}-{_options.ApplicationId}@{_options.ChatDomain}");

    /// <summary>Places a call: sends <c>call</c> to every opponent now and every dialing interval until answered.
    /// True when the first <c>call</c> went out to every opponent (false: the chat session was offline).</summary>
    public async Task<bool> StartCallAsync(string sessionId, CallType callType, IReadOnlyList<int> calleeIds, string sdpOffer,
        IReadOnlyDictionary<string, string>? userInfo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calleeIds);
        var call = new CallSignal
        {
            Type = CallSignalType.Call,
            SessionId = sessionId,
            CallType = callType,
            CallerId = _options.UserId,
            OpponentIds = calleeIds,
            Sdp = sdpOffer,
            Platform = _options.Platform,
            UserInfo = userInfo ?? new Dictionary<string, string>(),
        };
        var allSent = true;
        foreach (var callee in calleeIds)
        {
            var dialing = new Dialing(this, call, callee, _time.GetUtcNow());
            lock (_gate)
            {
                _dialing[(sessionId, callee)] = dialing;
            }

            allSent &= await SendRawAsync(callee, call, cancellationToken).ConfigureAwait(false);
            dialing.Arm(_time, _options.DialingInterval);
        }

        return allSent;
    }

    /// <summary>
    /// Sends any signal to <paramref name="toUserId"/>; fills caller, platform and type fields the SDK expects.
    /// Sending hangUp stops our dialing of that session. False when the chat session is offline.
    /// </summary>
    public Task<bool> SendAsync(int toUserId, CallSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Type == CallSignalType.HangUp)
        {
            StopDialing(signal.SessionId, toUserId);
        }

        return SendRawAsync(toUserId, signal with { Platform = signal.Platform ?? _options.Platform }, cancellationToken);
    }

    /// <summary>Stops re-sending <c>call</c> for a session (to one callee, or all with <paramref name="calleeId"/> 0).</summary>
    public void StopDialing(string sessionId, int calleeId = 0)
    {
        lock (_gate)
        {
            foreach (var key in _dialing.Keys.Where(k => k.SessionId == sessionId && (calleeId == 0 || k.Callee == calleeId)).ToList())
            {
                _dialing.Remove(key, out var dialing);
                dialing!.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.StanzaReceived -= OnStanza;
        lock (_gate)
        {
            foreach (var dialing in _dialing.Values)
            {
                dialing.Dispose();
            }

            _dialing.Clear();
        }
    }

    private async Task<bool> SendRawAsync(int toUserId, CallSignal signal, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var sent = await _client.TrySendAsync(CallSignalCodec.Encode(signal, JidOf(toUserId), id), cancellationToken).ConfigureAwait(false);
        if (!sent)
        {
            SignalingLog.SendFailed(_logger, signal.Type, signal.SessionId, toUserId);
        }

        return sent;
    }

    private void OnStanza(XElement stanza)
    {
        if (stanza.Name.LocalName != "message")
        {
            return;
        }

        var result = CallSignalCodec.Decode(stanza);
        if (result.Signal is not { } signal)
        {
            if (result.Error != CallSignalError.NotASignal)
            {
                SignalingLog.Ignored(_logger, result.Error!.Value);
            }

            return;
        }

        if (IsDuplicate(signal))
        {
            SignalingLog.Duplicate(_logger, signal.Type, signal.SessionId, signal.SenderId);
            return;
        }

        if (signal.Type is CallSignalType.Accept or CallSignalType.Reject)
        {
            StopDialing(signal.SessionId, signal.SenderId);
        }
        else if (signal.Type == CallSignalType.HangUp && signal.SenderId == signal.CallerId)
        {
            StopDialing(signal.SessionId);
        }

        if (signal.Type == CallSignalType.IceCandidates
            && stanza.Descendants().Any(e => e.Name.LocalName == "sdpMLineIndex" && e.Value.Length == 0))
        {
            SignalingLog.EmptyMLineIndex(_logger, signal.SessionId);
        }

        SignalReceived?.Invoke(signal);
    }

    /// <summary>
    /// The same XMPP message id twice is a duplicate; so is a second call/accept/reject/hangUp of one session from
    /// one sender (the caller re-sends call every 5 s). Candidates and ICE restarts are never merged.
    /// </summary>
    private bool IsDuplicate(CallSignal signal)
    {
        lock (_gate)
        {
            if (signal.MessageId is { Length: > 0 } id && !_seen.Add("id\0" + signal.SenderId + "\0" + id))
            {
                return true;
            }

            return signal.Type is CallSignalType.Call or CallSignalType.Accept or CallSignalType.Reject or CallSignalType.HangUp
                && !_seen.Add(string.Create(CultureInfo.InvariantCulture, $"sig\0{signal.SessionId}\0{signal.SenderId}\0{signal.Type}"));
        }
    }

    private void OnDialTick(Dialing dialing)
    {
        if (_time.GetUtcNow() - dialing.StartedAt >= _options.AnswerTimeout)
        {
            lock (_gate)
            {
                if (!_dialing.Remove((dialing.Call.SessionId, dialing.Callee)))
                {
                    return;
                }
            }

            dialing.Dispose();
            SignalingLog.NotAnswered(_logger, dialing.Call.SessionId, dialing.Callee);
            CallNotAnswered?.Invoke(dialing.Call.SessionId, dialing.Callee);
            return;
        }

        lock (_gate)
        {
            if (!_dialing.ContainsKey((dialing.Call.SessionId, dialing.Callee)))
            {
                return;
            }
        }

        _ = SendRawAsync(dialing.Callee, dialing.Call, CancellationToken.None);
    }
}
