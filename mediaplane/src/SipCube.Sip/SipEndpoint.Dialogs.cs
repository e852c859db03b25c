using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip;

/// <summary>What a user agent core needs beyond plain transactions: INVITE client handles and our Contact.</summary>
/// <remarks>RFC 3261 §13.2 (UAC INVITE), §8.1.1.8 (Contact).</remarks>
public sealed partial class SipEndpoint
{
    /// <summary>
    /// Prepares an INVITE client transaction for <paramref name="invite"/> on <paramref name="flow"/> (our Via is added).
    /// Subscribe to <see cref="OutgoingInvite.Provisional"/>, then call <see cref="OutgoingInvite.SendAsync"/>.
    /// </summary>
    public OutgoingInvite CreateInvite(SipMessage invite, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(flow);
        if (invite.Method != SipMethods.Invite)
        {
            throw new ArgumentException("not an INVITE", nameof(invite));
        }

        return new OutgoingInvite(this, CreateClientTransaction(invite, flow, addVia: true));
    }

    /// <summary>Our Contact URI for dialogs on <paramref name="flow"/>: the public address (or the socket address), port
    /// and transport, with <paramref name="user"/> as user part when given.</summary>
    public string ContactUri(SipFlow flow, string? user = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var transport = flow.Transport switch
        {
            "UDP" => string.Empty,
            "TLS" => ";transport=tls",
            _ => ";transport=" + flow.Transport.ToLowerInvariant(),
        };
        return "sip:" + (user is null ? string.Empty : user + "@") + SentBy(flow) + transport;
    }
}
