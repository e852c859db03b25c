using SipCube.Sip.Transport;

namespace SipCube.Sip.Dialogs;

/// <summary>
/// The UAS core's resending of a 2xx to an INVITE (initial or re-INVITE) until its ACK stops it: first after T1, then
/// doubling up to T2; after 64*T1 without an ACK it gives up and calls back once.
/// </summary>
/// <remarks>RFC 3261 §13.3.1.4 (the 2xx is the UA's to resend, not the transaction's), §14.2 (same for a re-INVITE).
/// Every timer runs on <see cref="SipEndpoint.Time"/>.</remarks>
internal sealed class SuccessRetransmission : IDisposable
{
    private readonly SipEndpoint _endpoint;
    private readonly SipFlow _flow;
    private readonly byte[] _response;
    private readonly Action _gaveUp;
    private readonly Lock _gate = new();
    private ITimer? _retransmit;
    private ITimer? _giveUp;
    private TimeSpan _interval;
    private bool _stopped;

    public SuccessRetransmission(SipEndpoint endpoint, SipFlow flow, byte[] response, Action gaveUp)
    {
        _endpoint = endpoint;
        _flow = flow;
        _response = response;
        _gaveUp = gaveUp;
    }

    /// <summary>Arms both timers (the first copy of the 2xx already went out through the transaction).</summary>
    public void Start()
    {
        var timers = _endpoint.Options.Timers;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _interval = timers.T1;
            _retransmit = _endpoint.Time.CreateTimer(static s => ((SuccessRetransmission)s!).Retransmit(), this, _interval, Timeout.InfiniteTimeSpan);
            _giveUp = _endpoint.Time.CreateTimer(static s => ((SuccessRetransmission)s!).GiveUp(), this, timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops resending (the ACK arrived); false when it had already stopped or given up.</summary>
    public bool Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _stopped = true;
            DisposeTimers();
            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Stop();

    private void Retransmit()
    {
        lock (_gate)
        {
            if (_stopped || _retransmit is null)
            {
                return;
            }

            var max = _endpoint.Options.Timers.T2;
            _interval = _interval * 2 > max ? max : _interval * 2;
            _retransmit.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        _ = _endpoint.SendRawAsync(_flow, _response);
    }

    private void GiveUp()
    {
        if (Stop())
        {
            _gaveUp();
        }
    }

    private void DisposeTimers()
    {
        _retransmit?.Dispose();
        _giveUp?.Dispose();
        _retransmit = null;
        _giveUp = null;
    }
}
