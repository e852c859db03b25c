using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Emulator.Directory;

namespace SipCube.ConnectyCube.Emulator.Chat;

/// <summary>Accepts the chat WebSocket, selecting subprotocol <c>xmpp</c> (Chromium aborts without the echo).</summary>
/// <remarks>RFC 7395 §3.1; connectycube-protocol.md §2.1.</remarks>
internal static class ChatEndpoint
{
    public static async Task HandleAsync(HttpContext context, EmulatorDirectory directory, ChatRouter router, EmulatorOptions options, ILogger logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains("xmpp"))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("WebSocket subprotocol 'xmpp' required (RFC 7395 §3.1)", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync("xmpp").ConfigureAwait(false);
        var connection = new ChatConnection(socket, directory, router, options, logger);
        await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
