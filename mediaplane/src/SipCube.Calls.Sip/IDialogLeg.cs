using SipCube.Sip;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip;

/// <summary>A leg as the in-dialog request handlers see it.</summary>
/// <remarks>RFC 3261 §12.2.2 (requests within a dialog), §14.2 (re-INVITE), §15.1.2 (BYE), §13.2.2.4 (ACK for 2xx);
/// RFC 3311 (UPDATE), RFC 6086 (INFO).</remarks>
internal interface IDialogLeg
{
    /// <summary>Stable id.</summary>
    string LegId { get; }

    /// <summary>The phone sent BYE: answer 200 and report the hang-up.</summary>
    ValueTask OnByeAsync(SipServerRequest request);

    /// <summary>A mid-call INVITE, UPDATE or INFO from the phone (CSeq already checked).</summary>
    ValueTask OnSessionRequestAsync(SipServerRequest request);

    /// <summary>The ACK of our 2xx (to the initial INVITE or a re-INVITE) arrived.</summary>
    void OnAck(SipMessage ack);

    /// <summary>Checks the CSeq of an in-dialog request; false means answer 500.</summary>
    bool AcceptsCSeq(SipMessage request);
}
