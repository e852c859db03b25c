using SipCube.Sip.Message;

namespace SipCube.Sip.Dialogs;

/// <summary>
/// One INVITE we received, seen from the UAS core: provisional and final responses carrying our To tag and Contact,
/// and the 2xx, which the UA core (not the transaction) retransmits until the ACK arrives.
/// </summary>
/// <remarks>
/// RFC 3261 §13.3.1 (processing an INVITE: 1xx/2xx carry Contact and the To tag of the dialog), §13.3.1.4 (2xx sent
/// at T1, doubling up to T2, until the ACK; no ACK within 64*T1: the dialog is confirmed but the session is ended
/// with a BYE), §12.1.1 (the UAS dialog).
/// <code>
/// offered --1xx--> early --2xx--> answered (2xx resent at T1, 2T1.. T2) --ACK--> confirmed
///                               answered --64*T1 without ACK--> BYE sent, AckTimedOut raised
/// offered/early --3xx-6xx or CANCEL (487 by the endpoint)--> rejected
/// </code>
/// </remarks>
public sealed class IncomingInvite : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<bool> _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SuccessRetransmission? _resend;
    private bool _final;

    /// <summary>Wraps <paramref name="request"/> (an out-of-dialog INVITE); <paramref name="localContact"/> defaults to
    /// <see cref="SipEndpoint.ContactUri"/> of the request's flow.</summary>
    public IncomingInvite(SipServerRequest request, string? localContact = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        LocalTag = SipResponseFactory.NewTag();
        LocalContact = localContact ?? request.Endpoint.ContactUri(request.Flow);
    }

    /// <summary>The INVITE and its server transaction.</summary>
    public SipServerRequest Request { get; }

    /// <summary>The To tag of every response we send (the local tag of the dialog).</summary>
    public string LocalTag { get; }

    /// <summary>Our Contact URI.</summary>
    public string LocalContact { get; }

    /// <summary>The key the dialog will have (known from the start, so in-dialog requests can be matched early).</summary>
    public string? DialogKey => Request.Message.CallId is { } callId && NameAddress.TryParse(Request.Message.Get(SipHeaderKind.From), out var from)
        && from.Tag is { } remoteTag ? SipDialog.KeyOf(callId, LocalTag, remoteTag) : null;

    /// <summary>Cancelled when the caller's CANCEL matched (the endpoint already answered 200 to it and 487 to us).</summary>
    public CancellationToken Cancelled => Request.Cancelled;

    /// <summary>The confirmed dialog after a 2xx.</summary>
    public SipDialog? Dialog { get; private set; }

    /// <summary>Completes true when the ACK of our 2xx arrived, false when it never did (after 64*T1).</summary>
    public Task<bool> Acknowledged => _acknowledged.Task;

    /// <summary>Raised when no ACK came within 64*T1, after the BYE was sent.</summary>
    public event Action<IncomingInvite>? AckTimedOut;

    /// <summary>Sends a provisional response (101-199) with our To tag and Contact; false once a final one went out.</summary>
    public ValueTask<bool> SendProvisionalAsync(int statusCode, string reasonPhrase, Action<SipMessage>? configure = null)
    {
        if (statusCode is <= 100 or >= 200)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a provisional status is 101-199");
        }

        var response = Create(statusCode, reasonPhrase).Add(SipHeaderKind.Contact, "<" + LocalContact + ">");
        configure?.Invoke(response);
        return Request.RespondAsync(response);
    }

    /// <summary>
    /// Sends 200 OK with <paramref name="body"/>, our Contact and To tag, and retransmits it until the ACK. Null when a
    /// final response already went out (e.g. 487 after a CANCEL) or no dialog can be formed (INVITE without Contact).
    /// </summary>
    public async ValueTask<SipDialog?> AcceptAsync(string contentType, ReadOnlyMemory<byte> body, Action<SipMessage>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var dialog = SipDialog.FromUasRequest(Request.Message, LocalTag, Request.Flow);
        if (dialog is null || !TryClaimFinal())
        {
            return null;
        }

        var response = Create(200, "OK")
            .Add(SipHeaderKind.Contact, "<" + LocalContact + ">")
            .Add(SipHeaderKind.ContentType, contentType);
        response.Body = body;
        configure?.Invoke(response);
        await Request.RespondAsync(response);
        if (Request.Transaction is { LastStatus: not 200 })
        {
            return null; // a CANCEL's 487 went out first (RFC 3261 §9.2): there is no dialog
        }

        lock (_gate)
        {
            Dialog = dialog;
            if (!_acknowledged.Task.IsCompleted)
            {
                // Until the ACK, a new INVITE from the caller gets 491 (RFC 3261 §14.1: one INVITE at a time).
                dialog.AwaitingAck = true;
                _resend = new SuccessRetransmission(Request.Endpoint, Request.Flow, SipMessageWriter.ToArray(response), GiveUp);
                _resend.Start();
            }
        }

        return dialog;
    }

    /// <summary>Sends a final non-2xx response; false when a final response already went out.</summary>
    public async ValueTask<bool> RejectAsync(int statusCode, string reasonPhrase, Action<SipMessage>? configure = null)
    {
        if (statusCode is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a rejection is 300-699");
        }

        if (!TryClaimFinal())
        {
            return false;
        }

        var response = Create(statusCode, reasonPhrase);
        configure?.Invoke(response);
        return await Request.RespondAsync(response);
    }

    /// <summary>The ACK for our 2xx arrived: stops the retransmissions. False when it does not belong to this INVITE.</summary>
    public bool OnAck(SipMessage ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (ack.Method != SipMethods.Ack || ack.CSeq?.Number != Request.Message.CSeq?.Number
            || SipDialog.KeyOfRequest(ack) is not { } key || !string.Equals(key, DialogKey, StringComparison.Ordinal))
        {
            return false;
        }

        SipDialog? dialog;
        lock (_gate)
        {
            _resend?.Stop();
            dialog = Dialog;
        }

        if (dialog is not null)
        {
            dialog.AwaitingAck = false;
        }

        _acknowledged.TrySetResult(true);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _resend?.Stop();
        }
    }

    private bool TryClaimFinal()
    {
        lock (_gate)
        {
            if (_final)
            {
                return false;
            }

            _final = true;
            return true;
        }
    }

    private SipMessage Create(int statusCode, string reasonPhrase) => SipResponseFactory.Create(Request.Message, statusCode, reasonPhrase, LocalTag);

    private void GiveUp()
    {
        SipDialog? dialog;
        lock (_gate)
        {
            if (_acknowledged.Task.IsCompleted)
            {
                return;
            }

            dialog = Dialog;
        }

        dialog!.AwaitingAck = false;
        _acknowledged.TrySetResult(false);
        _ = ByeAndReportAsync(dialog);
    }

    private async Task ByeAndReportAsync(SipDialog dialog)
    {
        var bye = dialog.CreateRequest(SipMethods.Bye).Add("Reason", "SIP;cause=408;text=\"ACK Timeout\"");
        var send = Request.Endpoint.SendRequestAsync(bye, dialog.Flow);
        AckTimedOut?.Invoke(this);
        await send.ConfigureAwait(false);
    }
}
