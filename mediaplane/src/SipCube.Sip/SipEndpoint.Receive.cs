using System.Globalization;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Transactions;
using SipCube.Sip.Transport;

namespace SipCube.Sip;

/// <summary>Inbound path: transaction matching and the UAS checks of RFC 3261 §8.2.</summary>
public sealed partial class SipEndpoint
{
    /// <inheritdoc/>
    public async ValueTask OnMessageAsync(SipFlow flow, SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(message);
        Metrics.MessageReceived(flow.Transport, message.IsRequest);
        if (_trafficLogger.IsEnabled(LogLevel.Trace))
        {
            SipLog.Received(_trafficLogger, flow.ToString(), SipTraceFormatter.Redact(SipMessageWriter.ToArray(message)));
        }

        if (!message.IsRequest)
        {
            if (_clients.TryGetValue(TransactionKey.ForClient(message), out var client))
            {
                client.OnResponse(message);
            }

            return;
        }

        StampVia(message, flow);
        var key = TransactionKey.ForServer(message);
        if (_servers.TryGetValue(key, out var existing))
        {
            if (message.Method == SipMethods.Ack)
            {
                existing.OnAck();

                // A UA that reuses the INVITE's branch for the ACK of a 2xx still confirms the dialog (RFC 3261 §13.2.2.4).
                if (existing.State == ServerTransactionState.Accepted && _handlers.TryGetValue(SipMethods.Ack, out var dialogAck))
                {
                    await dialogAck.HandleAsync(new SipServerRequest(message, flow, null, this));
                }
            }
            else
            {
                await existing.OnRetransmissionAsync();
            }

            return;
        }

        if (message.Method == SipMethods.Ack)
        {
            // ACK for a 2xx is its own transaction and belongs to the dialog (RFC 3261 §17.1.1.3).
            if (_handlers.TryGetValue(SipMethods.Ack, out var ackHandler))
            {
                await ackHandler.HandleAsync(new SipServerRequest(message, flow, null, this));
            }

            return;
        }

        var transaction = new ServerTransaction(key, message, flow, Options.Timers, Time, _send, _removeServer, _finalResponseSent);
        if (!_servers.TryAdd(key, transaction))
        {
            transaction.Dispose();
            return;
        }

        Metrics.TransactionStarted();
        await DispatchAsync(new SipServerRequest(message, flow, transaction, this));
    }

    private async ValueTask DispatchAsync(SipServerRequest request)
    {
        var message = request.Message;
        if (message.Method == SipMethods.Invite)
        {
            await request.RespondAsync(100, "Trying");
        }

        if (!SipMethods.IsKnown(message.Method!) && !_handlers.ContainsKey(message.Method!))
        {
            await request.RespondAsync(request.CreateResponse(501, "Not Implemented").Add(SipHeaderKind.Allow, _allow));
            return;
        }

        var unsupported = message.Count(SipHeaderKind.Require) == 0 ? null : UnsupportedRequirements(message);
        if (unsupported is { Count: > 0 } && message.Method != SipMethods.Cancel)
        {
            await request.RespondAsync(request.CreateResponse(420, "Bad Extension").Add(SipHeaderKind.Unsupported, string.Join(", ", unsupported)));
            return;
        }

        if (!SipUri.TryParse(message.RequestUri, out var uri) || uri.Scheme is not ("sip" or "sips" or "tel"))
        {
            await request.RespondAsync(416, "Unsupported URI Scheme");
            return;
        }

        if (_handlers.TryGetValue(message.Method!, out var handler))
        {
            await InvokeAsync(handler, request);
        }
        else if (message.Method == SipMethods.Options)
        {
            await request.RespondAsync(OptionsResponse(request));
        }
        else if (message.Method == SipMethods.Cancel)
        {
            await CancelAsync(request);
        }
        else
        {
            await request.RespondAsync(request.CreateResponse(405, "Method Not Allowed").Add(SipHeaderKind.Allow, _allow));
        }
    }

    private async ValueTask InvokeAsync(ISipRequestHandler handler, SipServerRequest request)
    {
        try
        {
            await handler.HandleAsync(request);
        }
#pragma warning disable CA1031 // our own bug: answer 500 and keep serving (STYLE.md §7)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SipLog.HandlerFailed(_logger, request.Flow.ToString(), ex);
            await request.RespondAsync(500, "Server Internal Error");
        }
    }

    private SipMessage OptionsResponse(SipServerRequest request)
    {
        var response = request.CreateResponse(200, "OK")
            .Add(SipHeaderKind.Allow, _allow)
            .Add(SipHeaderKind.Accept, "application/sdp");
        if (Options.SupportedExtensions.Count > 0)
        {
            response.Add(SipHeaderKind.Supported, string.Join(", ", Options.SupportedExtensions));
        }

        return response;
    }

    // RFC 3261 §9.2: CANCEL matches the INVITE server transaction with the same branch; 481 otherwise.
    private async ValueTask CancelAsync(SipServerRequest request)
    {
        var inviteKey = request.Transaction!.Key[..request.Transaction.Key.LastIndexOf('|')] + "|" + SipMethods.Invite;
        if (!_servers.TryGetValue(inviteKey, out var invite))
        {
            await request.RespondAsync(481, "Call/Transaction Does Not Exist");
            return;
        }

        await request.RespondAsync(200, "OK");
        invite.Cancel();
        if (invite.LastStatus < 200)
        {
            await invite.SendResponseAsync(SipResponseFactory.Create(invite.Request, 487, "Request Terminated"));
        }
    }

    private List<string> UnsupportedRequirements(SipMessage message)
    {
        var unsupported = new List<string>();
        foreach (var option in message.GetAll(SipHeaderKind.Require))
        {
            if (!Options.SupportedExtensions.Contains(option, StringComparer.OrdinalIgnoreCase))
            {
                unsupported.Add(option);
            }
        }

        return unsupported;
    }

    // RFC 3261 §18.2.1 and RFC 3581 §4: record where the request really came from in the top Via.
    private static void StampVia(SipMessage message, SipFlow flow)
    {
        var index = 0;
        while (message.Headers[index].Kind != SipHeaderKind.Via)
        {
            index++;
        }

        // The usual one-value Via line is stamped on the parsed form validation cached (no second parse); the
        // message then keeps the stamped form as the parse of the new line, for the transaction key.
        List<string>? values = null;
        ViaHeader? via;
        if (!message.Headers[index].RawValue.Span.Contains((byte)','))
        {
            via = message.TopVia;
        }
        else
        {
            values = HeaderValueSplitter.Split(message.Headers[index].Value, ',', skipEmpty: true);
            via = ViaHeader.TryParse(values[0], out var parsed) ? parsed : null;
        }

        if (via is null)
        {
            return;
        }

        var source = flow.Remote.Address.IsIPv4MappedToIPv6 ? flow.Remote.Address.MapToIPv4() : flow.Remote.Address;
        var sourceText = source.ToString();
        var hasRport = via.Parameters.Contains("rport");
        if (!hasRport && string.Equals(via.Host.Trim('[', ']'), sourceText, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        via.Parameters.Set("received", sourceText);
        if (hasRport)
        {
            via.Parameters.Set("rport", flow.Remote.Port.ToString(CultureInfo.InvariantCulture));
        }

        var stamped = via.ToString();
        if (values is not null)
        {
            values[0] = stamped;
            stamped = string.Join(", ", values);
        }

        message.ReplaceTopVia(index, new SipHeaderField(SipHeaderKind.Via, stamped), via);
    }
}
