using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Transactions;

/// <summary>An INVITE or non-INVITE client transaction.</summary>
/// <remarks>
/// RFC 3261 §17.1.1 (INVITE), §17.1.2 (non-INVITE), RFC 6026 §7.2 (Accepted for 2xx to INVITE).
/// <code>
/// non-INVITE: Trying (Timer E: T1, 2T1.. cap T2) --1xx--> Proceeding (Timer E: T2) --final--> Completed --Timer K (T4 | 0)--> Terminated
///             Trying/Proceeding --Timer F (64*T1) or transport error--> Terminated, result null
/// INVITE:     Calling (Timer A: T1, 2T1, ...) --1xx--> Proceeding --2xx--> Accepted --Timer M (64*T1)--> Terminated
///             Calling/Proceeding --3xx-6xx--> Completed (ACK sent; resent per retransmitted final) --Timer D (32 s | 0)--> Terminated
///             Calling --Timer B (64*T1)--> Terminated, result null
/// </code>
/// </remarks>
public sealed class ClientTransaction : IDisposable
{
    private readonly Func<SipFlow, byte[], ValueTask<bool>> _send;
    private readonly Action<ClientTransaction> _terminated;
    private readonly SipTimerSettings _timers;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<SipMessage?> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _requestBytes;
    private ITimer? _retransmit;
    private ITimer? _timeout;
    private TimeSpan _interval;
    private byte[]? _ack;

    internal ClientTransaction(string key, SipMessage request, SipFlow flow, SipTimerSettings timers, TimeProvider time,
        Func<SipFlow, byte[], ValueTask<bool>> send, Action<ClientTransaction> terminated)
    {
        Key = key;
        Request = request;
        Flow = flow;
        _timers = timers;
        _time = time;
        _send = send;
        _terminated = terminated;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? ClientTransactionState.Calling : ClientTransactionState.Trying;
        _requestBytes = SipMessageWriter.ToArray(request);
    }

    /// <summary>The matching key.</summary>
    public string Key { get; }

    /// <summary>The request sent.</summary>
    public SipMessage Request { get; }

    /// <summary>The flow the request goes out on.</summary>
    public SipFlow Flow { get; }

    /// <summary>True for INVITE.</summary>
    public bool IsInvite { get; }

    /// <summary>Current state.</summary>
    public ClientTransactionState State { get; private set; }

    /// <summary>Completes with the final response, or null on timeout or transport error.</summary>
    public Task<SipMessage?> FinalResponse => _final.Task;

    /// <summary>Raised for each provisional response.</summary>
    public event Action<SipMessage>? Provisional;

    /// <summary>
    /// Raised for each further 2xx to an INVITE while Accepted: a retransmission the UA core answers with the
    /// same ACK, or the 2xx of another fork (RFC 3261 §13.2.2.4, RFC 6026 §7.2).
    /// </summary>
    public event Action<SipMessage>? SuccessRetransmitted;

    internal async ValueTask StartAsync()
    {
        lock (_gate)
        {
            if (!Flow.IsReliable)
            {
                _interval = _timers.T1;
                Schedule(ref _retransmit, _interval, Retransmit);
            }

            Schedule(ref _timeout, _timers.TransactionTimeout, TimedOut);
        }

        if (!await _send(Flow, _requestBytes))
        {
            Fail();
        }
    }

    internal void OnResponse(SipMessage response)
    {
        byte[]? ackToSend = null;
        var provisional = false;
        var retransmitted2xx = false;
        lock (_gate)
        {
            var status = response.StatusCode;
            if (State == ClientTransactionState.Terminated)
            {
                return;
            }

            if (status < 200)
            {
                provisional = State is ClientTransactionState.Calling or ClientTransactionState.Trying or ClientTransactionState.Proceeding;
                if (State is ClientTransactionState.Calling or ClientTransactionState.Trying)
                {
                    State = ClientTransactionState.Proceeding;
                    if (IsInvite)
                    {
                        _retransmit?.Dispose();
                    }
                }
            }
            else if (State == ClientTransactionState.Completed)
            {
                ackToSend = _ack; // a retransmitted final: answer it with the same ACK
            }
            else if (State != ClientTransactionState.Accepted)
            {
                ackToSend = OnFinalLocked(response);
            }
            else
            {
                retransmitted2xx = status < 300;
            }
        }

        if (retransmitted2xx)
        {
            SuccessRetransmitted?.Invoke(response);
        }

        if (provisional)
        {
            Provisional?.Invoke(response);
        }

        if (ackToSend is not null)
        {
            _ = _send(Flow, ackToSend);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _retransmit?.Dispose();
            _timeout?.Dispose();
        }
    }

    private byte[]? OnFinalLocked(SipMessage response)
    {
        _retransmit?.Dispose();
        _timeout?.Dispose();
        _final.TrySetResult(response);
        if (IsInvite && response.StatusCode < 300)
        {
            State = ClientTransactionState.Accepted;
            Schedule(ref _timeout, _timers.TransactionTimeout, Terminate);
            return null;
        }

        State = ClientTransactionState.Completed;
        var linger = Flow.IsReliable ? TimeSpan.Zero : IsInvite ? _timers.TimerD : _timers.T4;
        Schedule(ref _timeout, linger, Terminate);
        if (!IsInvite)
        {
            return null;
        }

        _ack = SipMessageWriter.ToArray(AckBuilder.ForNon2xx(Request, response));
        return _ack;
    }

    private void Retransmit()
    {
        lock (_gate)
        {
            if (State is not (ClientTransactionState.Calling or ClientTransactionState.Trying or ClientTransactionState.Proceeding))
            {
                return;
            }

            _interval = IsInvite ? _interval * 2
                : State == ClientTransactionState.Proceeding ? _timers.T2
                : (_interval * 2 > _timers.T2 ? _timers.T2 : _interval * 2);
            Schedule(ref _retransmit, _interval, Retransmit);
        }

        _ = _send(Flow, _requestBytes);
    }

    private void TimedOut()
    {
        lock (_gate)
        {
            if (State is not (ClientTransactionState.Calling or ClientTransactionState.Trying or ClientTransactionState.Proceeding))
            {
                return;
            }
        }

        Fail();
    }

    private void Fail()
    {
        _final.TrySetResult(null);
        Terminate();
    }

    private void Terminate()
    {
        lock (_gate)
        {
            if (State == ClientTransactionState.Terminated)
            {
                return;
            }

            State = ClientTransactionState.Terminated;
            _retransmit?.Dispose();
            _timeout?.Dispose();
        }

        _final.TrySetResult(null);
        _terminated(this);
    }

    private void Schedule(ref ITimer? timer, TimeSpan due, Action action)
    {
        timer?.Dispose();
        timer = _time.CreateTimer(static s => ((Action)s!)(), action, due, Timeout.InfiniteTimeSpan);
    }
}
