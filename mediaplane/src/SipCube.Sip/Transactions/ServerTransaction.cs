using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Transactions;

/// <summary>An INVITE or non-INVITE server transaction.</summary>
/// <remarks>
/// RFC 3261 §17.2.1 (INVITE) and §17.2.2 (non-INVITE), with RFC 6026 §7.1 (Accepted state for 2xx).
/// <code>
/// non-INVITE:  Trying --1xx--> Proceeding --final--> Completed --Timer J (64*T1 | 0)--> Terminated
/// INVITE:      Proceeding --2xx--> Accepted --Timer L (64*T1)--> Terminated
///              Proceeding --3xx-6xx--> Completed (Timer G resend, Timer H 64*T1) --ACK--> Confirmed --Timer I (T4 | 0)--> Terminated
/// </code>
/// A retransmitted request in Proceeding or Completed resends the last response; in Accepted it is absorbed.
/// </remarks>
public sealed class ServerTransaction : IDisposable
{
    private readonly Func<SipFlow, byte[], ValueTask<bool>> _send;
    private readonly Action<ServerTransaction> _terminated;
    private readonly SipTimerSettings _timers;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource? _cancelled;
    private ITimer? _retransmit;
    private ITimer? _timeout;
    private TimeSpan _interval;
    private byte[]? _lastResponse;
    private readonly long _started;
    private readonly Action<ServerTransaction, TimeSpan>? _finalResponseSent;

    internal ServerTransaction(string key, SipMessage request, SipFlow flow, SipTimerSettings timers, TimeProvider time,
        Func<SipFlow, byte[], ValueTask<bool>> send, Action<ServerTransaction> terminated, Action<ServerTransaction, TimeSpan>? finalResponseSent = null)
    {
        _started = time.GetTimestamp();
        _finalResponseSent = finalResponseSent;
        Key = key;
        Request = request;
        Flow = flow;
        _timers = timers;
        _time = time;
        _send = send;
        _terminated = terminated;
        IsInvite = request.Method == SipMethods.Invite;

        // Only an INVITE can be cancelled (RFC 3261 §9.2); the other transactions need no token source.
        _cancelled = IsInvite ? new CancellationTokenSource() : null;
        State = IsInvite ? ServerTransactionState.Proceeding : ServerTransactionState.Trying;
    }

    /// <summary>The matching key.</summary>
    public string Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipMessage Request { get; }

    /// <summary>The flow responses go back on.</summary>
    public SipFlow Flow { get; }

    /// <summary>True for INVITE transactions.</summary>
    public bool IsInvite { get; }

    /// <summary>Current state.</summary>
    public ServerTransactionState State { get; private set; }

    /// <summary>Status of the last response sent (0 before any).</summary>
    public int LastStatus { get; private set; }

    /// <summary>Cancelled when a CANCEL matches this INVITE (RFC 3261 §9.2).</summary>
    public CancellationToken Cancelled => _cancelled?.Token ?? CancellationToken.None;

    /// <summary>Sends a response through the transaction.</summary>
    public async ValueTask<bool> SendResponseAsync(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = SipMessageWriter.ToArray(response);
        bool firstFinal;
        lock (_gate)
        {
            if (State is ServerTransactionState.Terminated or ServerTransactionState.Confirmed
                || (State == ServerTransactionState.Completed) || (State == ServerTransactionState.Accepted && response.StatusCode < 200))
            {
                return false;
            }

            firstFinal = response.StatusCode >= 200 && LastStatus < 200;
            _lastResponse = bytes;
            LastStatus = response.StatusCode;
            OnResponseLocked(response.StatusCode);
        }

        if (firstFinal)
        {
            _finalResponseSent?.Invoke(this, _time.GetElapsedTime(_started));
        }

        return await _send(Flow, bytes);
    }

    /// <summary>The same request arrived again.</summary>
    public ValueTask OnRetransmissionAsync()
    {
        byte[]? resend;
        lock (_gate)
        {
            resend = State is ServerTransactionState.Proceeding or ServerTransactionState.Completed ? _lastResponse : null;
        }

        return resend is null ? ValueTask.CompletedTask : IgnoreResult(_send(Flow, resend));
    }

    /// <summary>An ACK for a non-2xx final response arrived.</summary>
    public void OnAck()
    {
        lock (_gate)
        {
            if (State != ServerTransactionState.Completed)
            {
                return;
            }

            State = ServerTransactionState.Confirmed;
            StopTimers();
            Schedule(ref _timeout, Flow.IsReliable ? TimeSpan.Zero : _timers.T4, Terminate);
        }
    }

    /// <summary>Marks the INVITE as cancelled.</summary>
    public void Cancel() => _cancelled?.Cancel();

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            StopTimers();
        }

        _cancelled?.Dispose();
    }

    private void OnResponseLocked(int status)
    {
        if (status < 200)
        {
            State = ServerTransactionState.Proceeding;
        }
        else if (!IsInvite)
        {
            State = ServerTransactionState.Completed;
            Schedule(ref _timeout, Flow.IsReliable ? TimeSpan.Zero : _timers.TransactionTimeout, Terminate);
        }
        else if (status < 300)
        {
            State = ServerTransactionState.Accepted;
            Schedule(ref _timeout, _timers.TransactionTimeout, Terminate);
        }
        else
        {
            State = ServerTransactionState.Completed;
            if (!Flow.IsReliable)
            {
                _interval = _timers.T1;
                Schedule(ref _retransmit, _interval, RetransmitFinal);
            }

            Schedule(ref _timeout, _timers.TransactionTimeout, Terminate);
        }
    }

    private void RetransmitFinal()
    {
        byte[]? resend;
        lock (_gate)
        {
            if (State != ServerTransactionState.Completed)
            {
                return;
            }

            resend = _lastResponse;
            _interval = _interval * 2 > _timers.T2 ? _timers.T2 : _interval * 2;
            Schedule(ref _retransmit, _interval, RetransmitFinal);
        }

        _ = _send(Flow, resend!);
    }

    private void Terminate()
    {
        lock (_gate)
        {
            if (State == ServerTransactionState.Terminated)
            {
                return;
            }

            State = ServerTransactionState.Terminated;
            StopTimers();
        }

        _terminated(this);
    }

    private void Schedule(ref ITimer? timer, TimeSpan due, Action action)
    {
        timer?.Dispose();
        timer = _time.CreateTimer(static s => ((Action)s!)(), action, due, Timeout.InfiniteTimeSpan);
    }

    private void StopTimers()
    {
        _retransmit?.Dispose();
        _timeout?.Dispose();
    }

    private static async ValueTask IgnoreResult(ValueTask<bool> send) => await send;
}
