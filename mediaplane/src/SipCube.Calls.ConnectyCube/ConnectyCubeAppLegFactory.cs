using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Calls.Ports;
using SipCube.ConnectyCube.Signaling;

namespace SipCube.Calls.ConnectyCube;

/// <summary>
/// The ConnectyCube edge of the bridge. Creates outbound app legs (phone -> app, <see cref="Create"/>), turns a
/// <c>call</c> signal received by a pooled phone identity into a new call (app -> phone, once
/// <see cref="AcceptInboundCalls"/> was called), and routes every later signal of a call to its leg by
/// (identity, ConnectyCube session id).
/// </summary>
/// <remarks>connectycube-protocol.md §3.2 (signal types), §3.5 (caller and callee sequences).</remarks>
public sealed class ConnectyCubeAppLegFactory : IDisposable
{
    private readonly ConcurrentDictionary<(PooledIdentity Identity, string SessionId), AppLeg> legs = new();
    private volatile CallRegistry? registry;

    /// <summary>Creates the factory over <paramref name="pool"/>; it listens to every identity of the pool.</summary>
    public ConnectyCubeAppLegFactory(ConnectyCubeIdentityPool pool, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Pool = pool;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ConnectyCubeAppLegFactory>();
        pool.SignalReceived += OnSignal;
        pool.ConnectionLost += OnConnectionLost;
    }

    /// <summary>App legs with a live ConnectyCube session (diagnostics).</summary>
    public int ActiveLegs => legs.Count;

    internal ConnectyCubeIdentityPool Pool { get; }

    internal ILogger Logger { get; }

    /// <summary>An outbound app leg for call <paramref name="callId"/> (the <see cref="ILegFactory.CreateAppLeg"/>
    /// of the node).</summary>
    public IWebRtcLeg Create(string callId, CallEventSink sink)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(sink);
        return new AppLeg(this, callId, sink);
    }

    /// <summary>From now on a <c>call</c> to a pooled identity starts a call in <paramref name="calls"/>; before this,
    /// such calls are rejected.</summary>
    public void AcceptInboundCalls(CallRegistry calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        registry = calls;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Pool.SignalReceived -= OnSignal;
        Pool.ConnectionLost -= OnConnectionLost;
    }

    internal void Track(PooledIdentity identity, string sessionId, AppLeg leg)
    {
        legs[(identity, sessionId)] = leg;
        if (registry?.Find(leg.CallId) is { } session)
        {
            registry.TryAddAlias(sessionId, session);
        }
    }

    internal void Untrack(PooledIdentity identity, string sessionId, AppLeg leg) =>
        legs.TryRemove(new KeyValuePair<(PooledIdentity, string), AppLeg>((identity, sessionId), leg));

    private void OnSignal(PooledIdentity identity, CallSignal signal)
    {
        if (legs.TryGetValue((identity, signal.SessionId), out var leg))
        {
            leg.OnSignal(signal);
        }
        else if (signal.Type == CallSignalType.Call)
        {
            OnIncomingCall(identity, signal);
        }
        else
        {
            AppLegLog.NoLeg(Logger, signal.Type, signal.SessionId, identity.UserId);
        }
    }

    private void OnIncomingCall(PooledIdentity identity, CallSignal signal)
    {
        if (signal.Sdp is not { Length: > 0 } sdp)
        {
            Refuse(identity, signal, "no SDP offer");
            return;
        }

        if (registry is not { } calls)
        {
            Refuse(identity, signal, "inbound calls not enabled");
            return;
        }

        if (!Pool.TryHold(identity))
        {
            Refuse(identity, signal, "identity is logging out");
            return;
        }

        var callId = Guid.NewGuid().ToString("N");
        var session = calls.TryStart(callId);
        if (session is null)
        {
            Pool.Release(identity);
            Refuse(identity, signal, calls.IsDraining ? "node draining" : "call id clash");
            return;
        }

        var leg = new AppLeg(this, callId, session.Sink, identity, signal);
        Track(identity, signal.SessionId, leg);
        _ = session.Completion.ContinueWith(_ => leg.Finish(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        AppLegLog.Incoming(Logger, callId, signal.SessionId, signal.CallerId, identity.UserId);
        session.Sink.Post(new CallEvent.AppCallStarted(leg, new AppCallRequest
        {
            SessionId = signal.SessionId,
            CallerUserId = signal.CallerId,
            CalleeUserId = identity.UserId,
            CallerName = CallerName(signal.UserInfo),
            SdpOffer = sdp,
        }));
    }

    private void Refuse(PooledIdentity identity, CallSignal call, string why)
    {
        AppLegLog.Refused(Logger, call.SessionId, call.SenderId, identity.UserId, why);
        if (identity.Identity is not { } chat)
        {
            return;
        }

        var reject = new CallSignal
        {
            Type = CallSignalType.Reject,
            SessionId = call.SessionId,
            CallType = call.CallType,
            CallerId = call.CallerId,
            OpponentIds = call.OpponentIds,
        };
        _ = chat.Signaling.SendAsync(call.SenderId, reject).ContinueWith(
            t => AppLegLog.SendFaulted(Logger, call.SessionId, t.Exception?.GetBaseException().GetType().Name ?? "?"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void OnConnectionLost(PooledIdentity identity)
    {
        foreach (var (key, leg) in legs)
        {
            if (key.Identity == identity)
            {
                leg.Fail("ConnectyCube chat connection lost");
            }
        }
    }

    /// <summary>The app's display name for the caller: the SDK leaves userInfo free-form, so the common keys.</summary>
    private static string? CallerName(IReadOnlyDictionary<string, string> userInfo)
    {
        foreach (var key in (ReadOnlySpan<string>)["callerName", "caller_name", "fullName", "full_name", "name", "displayName"])
        {
            if (userInfo.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Length <= 128 ? value : value[..128];
            }
        }

        return null;
    }
}
