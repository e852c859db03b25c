using SipCube.Sip.Message;

namespace SipCube.Sip.Transactions;

/// <summary>Builds the ACK a client transaction sends for a non-2xx final response.</summary>
/// <remarks>RFC 3261 §17.1.1.3: same Request-URI, Call-ID, From, top Via and Route; To from the response; CSeq number with ACK.</remarks>
internal static class AckBuilder
{
    public static SipMessage ForNon2xx(SipMessage invite, SipMessage response)
    {
        var ack = SipMessage.CreateRequest(SipMethods.Ack, invite.RequestUri!);
        var viaDone = false;
        foreach (var header in invite.Headers)
        {
            switch (header.Kind)
            {
                case SipHeaderKind.Via when !viaDone:
                    ack.Add(SipHeaderKind.Via, HeaderValueSplitter.SplitCommas(header.Value).First());
                    viaDone = true;
                    break;
                case SipHeaderKind.From or SipHeaderKind.CallId or SipHeaderKind.Route or SipHeaderKind.MaxForwards:
                    ack.Headers.Add(header);
                    break;
            }
        }

        ack.Add(SipHeaderKind.To, response.Get(SipHeaderKind.To) ?? invite.Get(SipHeaderKind.To) ?? string.Empty);
        ack.Add(SipHeaderKind.CSeq, $"{invite.CSeq?.Number ?? 0} {SipMethods.Ack}");
        return ack;
    }
}
