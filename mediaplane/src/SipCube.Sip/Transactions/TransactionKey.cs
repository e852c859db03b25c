using SipCube.Sip.Message;

namespace SipCube.Sip.Transactions;

/// <summary>Builds the keys that match requests and responses to transactions.</summary>
/// <remarks>
/// RFC 3261 §17.2.3 (server: branch + sent-by + method, ACK matches INVITE) and §17.1.3 (client: branch +
/// CSeq method). Requests without the magic cookie (RFC 2543) fall back to Call-ID, CSeq, From tag and
/// the top Via as a whole.
/// </remarks>
public static class TransactionKey
{
    /// <summary>The server transaction key of a request.</summary>
    public static string ForServer(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.TopVia;
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method!;
        var branch = via?.Branch;
        if (branch is not null && branch.StartsWith(ViaHeader.MagicCookie, StringComparison.Ordinal))
        {
            return string.Concat(branch, "|", via!.Host, ":", via.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, "|", method);
        }

        return string.Concat(request.CallId, "|", request.CSeq?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "|",
            request.FromAddress?.Tag, "|", via?.ToString(), "|", method);
    }

    /// <summary>The client transaction key of a response (or of the request we sent).</summary>
    public static string ForClient(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var method = message.CSeq?.Method ?? string.Empty;
        if (method == SipMethods.Ack)
        {
            method = SipMethods.Invite;
        }

        return string.Concat(message.TopVia?.Branch, "|", method);
    }
}
