using SipCube.Sip;
using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip;

/// <summary>ACK, BYE, INFO and UPDATE: find the dialog's leg, or answer 481.</summary>
/// <remarks>RFC 3261 §12.2.2, §15.1.2; RFC 3311 §5.2 (UPDATE) and RFC 6086 §4.2 (INFO) go to the leg's
/// <see cref="DialogUpdates"/>.</remarks>
internal sealed class InDialogHandler(SipLegFactory legs) : ISipRequestHandler
{
    public async ValueTask HandleAsync(SipServerRequest request)
    {
        var message = request.Message;
        var leg = legs.Legs.Find(SipDialog.KeyOfRequest(message));
        if (message.Method == SipMethods.Ack)
        {
            leg?.OnAck(message); // an ACK is never answered; one for no dialog is dropped
            return;
        }

        if (leg is null)
        {
            SipCallsLog.UnknownDialog(legs.Logger, message.Method!, message.CallId, request.Flow.ToString());
            await request.RespondAsync(481, "Call/Transaction Does Not Exist");
            return;
        }

        if (!leg.AcceptsCSeq(message))
        {
            await request.RespondAsync(500, "Server Internal Error - CSeq Out of Order");
            return;
        }

        switch (message.Method)
        {
            case SipMethods.Bye:
                await leg.OnByeAsync(request);
                break;
            default:
                await leg.OnSessionRequestAsync(request);
                break;
        }
    }
}
