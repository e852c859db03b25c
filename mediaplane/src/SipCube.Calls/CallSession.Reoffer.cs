using SipCube.Calls.State;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls;

/// <summary>
/// Mid-call changes from the phone: a re-offer (hold with sendonly/inactive, resume, codec change, session refresh)
/// goes to the media bridge, which answers for the phone side only; out-of-band DTMF goes to the app as RFC 4733
/// events. The app leg is never re-signalled: its ICE, DTLS, SRTP state and codec stay as they are.
/// </summary>
/// <remarks>
/// RFC 3261 §14.2 (a refused re-INVITE leaves the session unchanged), RFC 3264 §8 (modifying the session, §8.4 hold),
/// RFC 6086 (INFO), RFC 4733 (telephone-event).
/// <code>
/// SipReoffered: not our established SIP leg --> 481;  call not answered yet --> 491 (an offer/answer of the call is in progress)
///               bridge answers --> 200 with its answer;  IncompatibleMediaException --> 488, the call goes on
/// SipDtmfReceived: answered and from our SIP leg --> bridge.SendDtmfToApp; otherwise ignored
/// </code>
/// </remarks>
public sealed partial class CallSession
{
    private async ValueTask OnSipReofferedAsync(CallEvent.SipReoffered e, CancellationToken ct)
    {
        if (!IsEstablishedSipLeg(e.LegId) && Phase == CallPhase.Answered)
        {
            e.Reply.TryRefuse(481, "Call/Transaction Does Not Exist");
            await Ignore(e);
            return;
        }

        if (Phase != CallPhase.Answered || bridge is null)
        {
            e.Reply.TryRefuse(491, "Request Pending");
            await Ignore(e);
            return;
        }

        try
        {
            var answer = await bridge.UpdateFromPhoneAsync(e.SdpOffer, ct);
            e.Reply.TryAnswer(answer);
            CallsLog.Reoffered(services.Logger, CallId, "answered");
        }
        catch (IncompatibleMediaException ex)
        {
            e.Reply.TryRefuse(488, "Not Acceptable Here");
            CallsLog.ReofferRefused(services.Logger, CallId, ex.Message);
        }
        catch
        {
            // Anything else is our bug or a broken bridge: the phone still gets a final response, the loop ends the call.
            e.Reply.TryRefuse(500, "Server Internal Error");
            throw;
        }
    }

    private ValueTask OnSipDtmfReceivedAsync(CallEvent.SipDtmfReceived e)
    {
        if (Phase != CallPhase.Answered || bridge is null || !IsEstablishedSipLeg(e.LegId))
        {
            return Ignore(e);
        }

        bridge.SendDtmfToApp(e.Digit, e.Duration);
        return ValueTask.CompletedTask;
    }

    /// <summary>The phone's leg of an answered call: the inbound leg (phone -> app) or the winning fork (app -> phone).</summary>
    private bool IsEstablishedSipLeg(string legId) => Direction switch
    {
        CallDirection.SipToConnectyCube => legId == inboundSip?.LegId,
        CallDirection.ConnectyCubeToSip => legId == winnerLegId,
        _ => false,
    };

    /// <summary>A re-offer still queued when the call ended gets a final response, so the phone's transaction ends.</summary>
    private static void Abandon(CallEvent callEvent)
    {
        if (callEvent is CallEvent.SipReoffered reoffer)
        {
            reoffer.Reply.TryRefuse(487, "Request Terminated");
        }
    }
}
