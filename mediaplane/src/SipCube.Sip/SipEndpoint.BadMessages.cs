using SipCube.Sip.Diagnostics;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Transport;

namespace SipCube.Sip;

/// <summary>Bad input: count it, log it at Debug, and answer 400 (505 for another SIP version) when the message can be addressed.</summary>
/// <remarks>
/// RFC 3261 §8.2.6, §21.4.1 and §21.5.6: a 400 or 505 needs Via, From, To, Call-ID and CSeq to be copied; without them
/// the message is dropped. Responses and ACKs are never answered.
/// </remarks>
public sealed partial class SipEndpoint
{
    /// <inheritdoc/>
    public async ValueTask OnBadMessageAsync(SipFlow flow, SipParseResult result)
    {
        ArgumentNullException.ThrowIfNull(flow);
        Metrics.BadMessage(result.Error);
        SipLog.BadMessage(_logger, flow.ToString(), result.Error.ToString(), result.ErrorOffset);
        var message = result.Message;
        if (message is null || !message.IsRequest || message.Method == SipMethods.Ack)
        {
            return;
        }

        foreach (var kind in (ReadOnlySpan<SipHeaderKind>)[SipHeaderKind.Via, SipHeaderKind.From, SipHeaderKind.To, SipHeaderKind.CallId, SipHeaderKind.CSeq])
        {
            if (message.Get(kind) is null)
            {
                return;
            }
        }

        var response = result.Error == SipParseError.UnsupportedVersion
            ? SipResponseFactory.Create(message, 505, "Version Not Supported")
            : SipResponseFactory.Create(message, 400, SipParseErrorText.ReasonPhrase(result.Error));
        if (Options.ServerName is not null)
        {
            response.Add(SipHeaderKind.Server, Options.ServerName);
        }

        await SendBytesAsync(flow, SipMessageWriter.ToArray(response));
    }
}
