using System.Net.WebSockets;
using System.Xml.Linq;
using SipCube.Xmpp.Stanzas;

namespace SipCube.Xmpp.Session;

/// <summary>The connect/receive/reconnect loop of <see cref="XmppClient"/>.</summary>
public sealed partial class XmppClient
{
    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await ConnectLoopAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            MoveTo(XmppConnectionState.None);
        }
    }

    private async Task ConnectLoopAsync(CancellationToken ct)
    {
        var attempt = 0;
        var rejected = false;
        var everOnline = false;
        MoveTo(XmppConnectionState.Connecting);
        while (!ct.IsCancellationRequested)
        {
            Exception? failure = null;
            var wasOnline = false;
            await using (var connection = new XmppConnection(_options, _logger))
            {
                try
                {
                    var credentials = await _credentials(new XmppConnectAttempt(attempt + 1, rejected), ct).ConfigureAwait(false);
                    _domain = credentials.Domain;
                    await connection.ConnectAsync(credentials, ct).ConfigureAwait(false);
                    _connection = connection;
                    wasOnline = true;
                    everOnline = true;
                    attempt = 0;
                    MoveTo(XmppConnectionState.Connected);
                    rejected = false;
                    _metrics?.Connected();
                    XmppLog.Online(_logger, connection.BoundJid.ToString());
                    Online?.Invoke(connection.BoundJid);
                    await ReceiveAsync(connection, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    failure = null;
                }
                catch (Exception ex) when (ex is XmppException or WebSocketException or OperationCanceledException or IOException or TimeoutException)
                {
                    failure = ex;
                    rejected = ex is XmppException { AuthenticationFailed: true };
                }
                catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or HttpRequestException)
                {
                    failure = ex;
                }
                finally
                {
                    _connection = null;
                    FailPending();
                }
            }

            if (wasOnline)
            {
                _metrics?.Disconnected();
                Offline?.Invoke(failure);
            }

            if (ct.IsCancellationRequested)
            {
                break;
            }

            MoveTo(everOnline ? XmppConnectionState.Reconnecting : XmppConnectionState.Connecting);

            var delay = Backoff(attempt++);
            XmppLog.Reconnecting(_logger, _options.ServiceUri, delay, failure);
            try
            {
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void MoveTo(XmppConnectionState state)
    {
        var previous = _state;
        _state = state;
        _metrics?.Transition(previous, state);
    }

    private async Task ReceiveAsync(XmppConnection connection, CancellationToken ct)
    {
        using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pinger = _options.KeepAliveInterval > TimeSpan.Zero ? KeepAliveAsync(connection, keepAlive.Token) : Task.CompletedTask;
        try
        {
            while (await connection.ReadAsync(ct).ConfigureAwait(false) is { } stanza)
            {
                await DispatchAsync(connection, stanza, ct).ConfigureAwait(false);
            }

            await connection.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await keepAlive.CancelAsync().ConfigureAwait(false);
            await pinger.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task DispatchAsync(XmppConnection connection, XElement stanza, CancellationToken ct)
    {
        if (stanza.Name == ClientNs + "iq")
        {
            await HandleIqAsync(connection, stanza, ct).ConfigureAwait(false);
            return;
        }

        if (stanza.Name != ClientNs + "message" && stanza.Name != ClientNs + "presence")
        {
            return;
        }

        try
        {
            StanzaReceived?.Invoke(stanza);
        }
#pragma warning disable CA1031 // a faulty subscriber must not take the session down; it is logged as our bug
        catch (Exception ex)
#pragma warning restore CA1031
        {
            XmppLog.HandlerFailed(_logger, ex);
        }
    }

    private async Task HandleIqAsync(XmppConnection connection, XElement iq, CancellationToken ct)
    {
        var type = iq.Attribute("type")?.Value;
        var id = iq.Attribute("id")?.Value ?? string.Empty;
        if (type is "result" or "error")
        {
            if (_pending.TryRemove(id, out var waiter))
            {
                waiter.TrySetResult(iq);
            }

            return;
        }

        var reply = new XElement(ClientNs + "iq", new XAttribute("type", "result"), new XAttribute("id", id));
        if (iq.Attribute("from")?.Value is { } from)
        {
            reply.SetAttributeValue("to", from);
        }

        // XEP-0199 §4: answer pings; RFC 6120 §8.2.3: every other get/set gets an error, never silence.
        if (iq.Element(PingNs + "ping") is null)
        {
            reply.SetAttributeValue("type", "error");
            reply.Add(new XElement(
                ClientNs + "error",
                new XAttribute("type", "cancel"),
                new XElement(XName.Get("service-unavailable", Framing.XmppNamespaces.Stanzas))));
        }

        await connection.SendAsync(reply, ct).ConfigureAwait(false);
    }

    private async Task KeepAliveAsync(XmppConnection connection, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(_options.KeepAliveInterval, _time, ct).ConfigureAwait(false);
            if (!await PingAsync(_options.ResponseTimeout, ct).ConfigureAwait(false))
            {
                // A dead socket may never report an error; disposing it ends the receive loop and reconnects.
                connection.Abort();
                return;
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt, 16));
        var ms = Math.Min(_options.InitialReconnectDelay.TotalMilliseconds * factor, _options.MaxReconnectDelay.TotalMilliseconds);

        // Jitter of up to 20 % keeps many identities of one node from reconnecting in lockstep after an outage.
        ms *= 1 - (Random.Shared.NextDouble() * 0.2);
        return TimeSpan.FromMilliseconds(ms);
    }

    private void FailPending()
    {
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var waiter))
            {
                waiter.TrySetException(new XmppException("session ended"));
            }
        }
    }
}
