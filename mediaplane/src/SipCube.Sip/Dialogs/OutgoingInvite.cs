using SipCube.Sip.Message;
using SipCube.Sip.Transactions;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Dialogs;

/// <summary>
/// One INVITE we send, seen from the UAC core: provisional responses as they come, the final response, CANCEL of
/// the pending request, and the ACK of a 2xx, which the UA (not the transaction) builds and repeats for every
/// retransmission of that 2xx.
/// </summary>
/// <remarks>
/// RFC 3261 §13.2.2 (processing INVITE responses), §13.2.2.4 (ACK for 2xx, new transaction, same ACK for every
/// retransmitted 2xx), §9.1 (CANCEL: same Request-URI, Call-ID, From, To, CSeq number and top Via; sent only once
/// a provisional response arrived, never after a final one), RFC 3326 (Reason header).
/// <code>
/// created --SendAsync--> calling --1xx--> proceeding --final--> done
///           CancelAsync before any 1xx: remembered, the CANCEL goes out with the first 1xx
/// </code>
/// </remarks>
public sealed class OutgoingInvite
{
    private readonly SipEndpoint _endpoint;
    private readonly ClientTransaction _transaction;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<SipMessage?> _cancelResult = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _provisionalSeen;
    private bool _finalSeen;
    private string? _cancelReason;
    private bool _cancelRequested;
    private bool _cancelSent;
    private byte[]? _ack;
    private string? _ackedToTag;

    internal OutgoingInvite(SipEndpoint endpoint, ClientTransaction transaction)
    {
        _endpoint = endpoint;
        _transaction = transaction;
        transaction.Provisional += OnProvisional;
        transaction.SuccessRetransmitted += OnSuccessRetransmitted;
        _ = WatchFinalAsync();
    }

    /// <summary>The INVITE as sent (with our Via).</summary>
    public SipMessage Request => _transaction.Request;

    /// <summary>The flow it goes out on.</summary>
    public SipFlow Flow => _transaction.Flow;

    /// <summary>Completes with the final response, or null on timeout (Timer B) or transport error.</summary>
    public Task<SipMessage?> FinalResponse => _transaction.FinalResponse;

    /// <summary>True once CANCEL was asked for.</summary>
    public bool CancelRequested
    {
        get
        {
            lock (_gate)
            {
                return _cancelRequested;
            }
        }
    }

    /// <summary>Raised for each provisional response (100 included).</summary>
    public event Action<SipMessage>? Provisional;

    /// <summary>Raised for a 2xx with another To tag than the one we acknowledged (a second fork answered): the UA must
    /// ACK and BYE it (RFC 3261 §13.2.2.4).</summary>
    public event Action<SipMessage>? AdditionalSuccess;

    /// <summary>Sends the INVITE (retransmissions and timeouts run on the endpoint's clock).</summary>
    public ValueTask SendAsync() => _transaction.StartAsync();

    /// <summary>
    /// Cancels the INVITE: sends CANCEL now when a provisional response arrived, or as soon as one arrives; does
    /// nothing once a final response came. Completes with the CANCEL's final response (null when none was sent).
    /// </summary>
    public async Task<SipMessage?> CancelAsync(string? reason = null)
    {
        bool sendNow;
        lock (_gate)
        {
            if (_cancelRequested)
            {
                sendNow = false;
            }
            else
            {
                _cancelRequested = true;
                _cancelReason = reason;
                sendNow = _provisionalSeen && !_finalSeen && !_cancelSent;
                _cancelSent |= sendNow;
                if (_finalSeen)
                {
                    _cancelResult.TrySetResult(null);
                }
            }
        }

        if (sendNow)
        {
            await SendCancelAsync();
        }

        return await _cancelResult.Task;
    }

    /// <summary>
    /// Confirms a 2xx: builds the dialog, sends the ACK on the INVITE's flow and keeps it to answer retransmissions of
    /// that 2xx. Null when the 2xx cannot form a dialog (no To tag or Contact): the caller should end the call.
    /// </summary>
    public async ValueTask<SipDialog?> AcknowledgeAsync(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var dialog = SipDialog.FromUacResponse(Request, response, Flow);
        if (dialog is null)
        {
            return null;
        }

        var ack = dialog.CreateAck();
        CopyAuthorization(ack);
        _endpoint.AddVia(ack, Flow);
        var bytes = SipMessageWriter.ToArray(ack);
        lock (_gate)
        {
            _ack ??= bytes;
            _ackedToTag ??= dialog.RemoteTag;
        }

        await _endpoint.SendRawAsync(Flow, bytes);
        return dialog;
    }

    private void CopyAuthorization(SipMessage ack)
    {
        foreach (var header in Request.Headers)
        {
            if (header.Kind is SipHeaderKind.Authorization or SipHeaderKind.ProxyAuthorization)
            {
                ack.Headers.Add(header);
            }
        }
    }

    private void OnProvisional(SipMessage response)
    {
        bool sendCancel;
        lock (_gate)
        {
            _provisionalSeen = true;
            sendCancel = _cancelRequested && !_cancelSent && !_finalSeen;
            _cancelSent |= sendCancel;
        }

        if (sendCancel)
        {
            _ = SendCancelAsync();
        }

        Provisional?.Invoke(response);
    }

    private void OnSuccessRetransmitted(SipMessage response)
    {
        byte[]? resend = null;
        var other = false;
        var toTag = NameAddress.TryParse(response.Get(SipHeaderKind.To), out var to) ? to.Tag : null;
        lock (_gate)
        {
            if (_ackedToTag is null)
            {
                // Not acknowledged yet: the same 2xx again needs nothing; the UA is about to ACK it.
                other = FinalResponse.IsCompleted && !string.Equals(ToTagOf(FinalResponse.Result), toTag, StringComparison.Ordinal);
            }
            else if (string.Equals(_ackedToTag, toTag, StringComparison.Ordinal))
            {
                resend = _ack;
            }
            else
            {
                other = true;
            }
        }

        if (resend is not null)
        {
            _ = _endpoint.SendRawAsync(Flow, resend);
        }
        else if (other)
        {
            AdditionalSuccess?.Invoke(response);
        }
    }

    private async Task WatchFinalAsync()
    {
        await _transaction.FinalResponse.ConfigureAwait(false);
        lock (_gate)
        {
            _finalSeen = true;
            if (!_cancelSent)
            {
                _cancelResult.TrySetResult(null);
            }
        }
    }

    private async Task SendCancelAsync()
    {
        var cancel = BuildCancel();
        var transaction = _endpoint.CreateClientTransaction(cancel, Flow, addVia: false);
        await transaction.StartAsync();
        _cancelResult.TrySetResult(await transaction.FinalResponse);
    }

    private SipMessage BuildCancel()
    {
        var cancel = SipMessage.CreateRequest(SipMethods.Cancel, Request.RequestUri!);
        var viaDone = false;
        foreach (var header in Request.Headers)
        {
            switch (header.Kind)
            {
                case SipHeaderKind.Via when !viaDone:
                    cancel.Add(SipHeaderKind.Via, HeaderValueSplitter.SplitCommas(header.Value).First());
                    viaDone = true;
                    break;
                case SipHeaderKind.From or SipHeaderKind.To or SipHeaderKind.CallId or SipHeaderKind.Route or SipHeaderKind.MaxForwards:
                    cancel.Headers.Add(header);
                    break;
            }
        }

        cancel.Add(SipHeaderKind.CSeq, $"{Request.CSeq?.Number ?? 1} {SipMethods.Cancel}");
        string? reason;
        lock (_gate)
        {
            reason = _cancelReason;
        }

        if (reason is not null)
        {
            cancel.Add("Reason", reason);
        }

        return cancel;
    }

    private static string? ToTagOf(SipMessage? response) =>
        response is not null && NameAddress.TryParse(response.Get(SipHeaderKind.To), out var to) ? to.Tag : null;
}
