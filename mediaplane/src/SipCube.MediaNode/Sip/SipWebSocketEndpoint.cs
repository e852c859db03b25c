using System.Net;
using SipCube.Sip;
using SipCube.Sip.Transport;

namespace SipCube.MediaNode.Sip;

/// <summary>Mounts SIP over WebSocket (subprotocol <c>sip</c>) on the HTTP port at <see cref="SipOptions.WebSocketPath"/>.</summary>
/// <remarks>RFC 7118 §4.1: the handshake must offer "sip" and the server must select it; anything else is refused.</remarks>
public static class SipWebSocketEndpoint
{
    /// <summary>Adds the WebSocket middleware and maps the SIP WebSocket endpoint (no-op when SIP or the path is off).</summary>
    public static WebApplication MapSipWebSocket(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetService<SipOptions>();
        var transport = app.Services.GetService<SipEndpoint>()?.Transports.GetValueOrDefault("WS") as WebSocketSipTransport;
        if (options is null || transport is null || string.IsNullOrEmpty(options.WebSocketPath))
        {
            return app;
        }

        app.UseWebSockets();
        app.Map(options.WebSocketPath, async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest || !context.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketSipTransport.SubProtocol))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync(WebSocketSipTransport.SubProtocol);
            var remote = new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort);
            var local = new IPEndPoint(context.Connection.LocalIpAddress ?? IPAddress.None, context.Connection.LocalPort);
            await transport.RunAsync(socket, remote, local, context.RequestAborted);
        });
        return app;
    }
}
