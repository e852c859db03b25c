using SipCube.Sip.Message;

namespace SipCube.Sip.Dialogs;

/// <summary>
/// An INVITE the peer sent inside an established dialog (a re-INVITE: hold, resume, codec change, session refresh),
/// seen from the UAS core: one final response, and a 2xx that the UA resends until its ACK, exactly as for the initial
/// INVITE. The 100 Trying already went out from the endpoint.
/// </summary>
/// <remarks>
/// RFC 3261 §14.2 (UAS behaviour: one offer at a time, a refused re-INVITE leaves the session as it was, no ACK for the
/// 2xx means BYE), §12.2.2 (a target refresh: the remote target follows the re-INVITE's Contact once accepted),
/// §13.3.1.4 (2xx resent at T1 doubling to T2, until 64*T1).
/// <code>
/// claimed (TryStart) --2xx--> answered (2xx resent) --ACK--> done
///                             answered --64*T1 without ACK--> BYE sent, AckTimedOut raised
/// claimed --3xx-6xx--> done (session unchanged)
/// </code>
/// </remarks>
public sealed class IncomingReinvite : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<bool> _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SuccessRetransmission? _resend;
    private bool _final;

    private IncomingReinvite(SipDialog dialog, SipServerRequest request, string localContact)
    {
        Dialog = dialog;
        Request = request;
        LocalContact = localContact;
    }

    /// <summary>The dialog the re-INVITE belongs to.</summary>
    public SipDialog Dialog { get; }

    /// <summary>The re-INVITE and its server transaction.</summary>
    public SipServerRequest Request { get; }

    /// <summary>Our Contact URI (repeated in the 2xx: a re-INVITE refreshes targets both ways).</summary>
    public string LocalContact { get; }

    /// <summary>Completes true when the ACK of our 2xx arrived, false when it never did or the re-INVITE was refused.</summary>
    public Task<bool> Acknowledged => _acknowledged.Task;

    /// <summary>Raised when no ACK came within 64*T1, after the BYE was sent.</summary>
    public event Action<IncomingReinvite>? AckTimedOut;

    /// <summary>
    /// Claims <paramref name="dialog"/> for the re-INVITE in <paramref name="request"/>; null when another offer is in
    /// progress, and <paramref name="refusal"/> is then the 500 (with Retry-After) or 491 to send
    /// (<see cref="SipDialog.TryBeginRemoteOffer"/>).
    /// </summary>
    /// <param name="dialog">The established dialog the request matched.</param>
    /// <param name="request">The in-dialog INVITE.</param>
    /// <param name="refusal">The response to send when the re-INVITE cannot be taken now.</param>
    /// <param name="localContact">Our Contact; defaults to <see cref="SipEndpoint.ContactUri"/> of the request's flow.</param>
    public static IncomingReinvite? TryStart(SipDialog dialog, SipServerRequest request, out SipMessage? refusal, string? localContact = null)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(request);
        if (!dialog.TryBeginRemoteOffer(request.Message, out refusal))
        {
            return null;
        }

        return new IncomingReinvite(dialog, request, localContact ?? request.Endpoint.ContactUri(request.Flow));
    }

    /// <summary>
    /// Sends 200 OK with <paramref name="body"/> and our Contact, moves the remote target to the re-INVITE's Contact and
    /// resends the 2xx until the ACK. False when a final response already went out.
    /// </summary>
    public async ValueTask<bool> AcceptAsync(string contentType, ReadOnlyMemory<byte> body, Action<SipMessage>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        if (!TryClaimFinal())
        {
            return false;
        }

        var response = SipResponseFactory.Create(Request.Message, 200, "OK")
            .Add(SipHeaderKind.Contact, "<" + LocalContact + ">")
            .Add(SipHeaderKind.ContentType, contentType);
        response.Body = body;
        configure?.Invoke(response);
        Dialog.RefreshTarget(Request.Message);
        lock (_gate)
        {
            Dialog.AwaitingAck = true;
            _resend = new SuccessRetransmission(Request.Endpoint, Request.Flow, SipMessageWriter.ToArray(response), GiveUp);
        }

        Dialog.EndRemoteOffer();
        await Request.RespondAsync(response);
        lock (_gate)
        {
            _resend.Start();
        }

        return true;
    }

    /// <summary>Sends a final non-2xx response (the session stays as it was); false when a final response already went
    /// out.</summary>
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

        var response = SipResponseFactory.Create(Request.Message, statusCode, reasonPhrase);
        configure?.Invoke(response);
        Dialog.EndRemoteOffer();
        _acknowledged.TrySetResult(false);
        return await Request.RespondAsync(response);
    }

    /// <summary>The ACK of our 2xx: stops the resending. False when it does not belong to this re-INVITE.</summary>
    public bool OnAck(SipMessage ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (ack.Method != SipMethods.Ack || ack.CSeq?.Number != Request.Message.CSeq?.Number || !Dialog.Matches(ack))
        {
            return false;
        }

        lock (_gate)
        {
            if (_resend is null)
            {
                return false;
            }

            _resend.Stop();
        }

        Dialog.AwaitingAck = false;
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

    private void GiveUp()
    {
        if (_acknowledged.Task.IsCompleted)
        {
            return;
        }

        Dialog.AwaitingAck = false;
        _acknowledged.TrySetResult(false);
        _ = ByeAndReportAsync();
    }

    private async Task ByeAndReportAsync()
    {
        var bye = Dialog.CreateRequest(SipMethods.Bye).Add("Reason", "SIP;cause=408;text=\"ACK Timeout\"");
        var send = Request.Endpoint.SendRequestAsync(bye, Dialog.Flow);
        AckTimedOut?.Invoke(this);
        await send.ConfigureAwait(false);
    }
}
