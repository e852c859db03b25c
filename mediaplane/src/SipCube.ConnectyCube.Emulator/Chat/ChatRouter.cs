using System.Collections.Concurrent;
using System.Security;

namespace SipCube.ConnectyCube.Emulator.Chat;

/// <summary>
/// Delivers stanzas between bound chat connections by the <c>&lt;userId&gt;-&lt;appId&gt;</c> local part of the JID,
/// whatever domain the clients configured. Offline recipients get nothing: the caller's re-sends cover the gap.
/// </summary>
/// <remarks>connectycube-protocol.md §7 point 9.</remarks>
internal sealed class ChatRouter
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<ChatConnection, byte>> _byName = new(StringComparer.Ordinal);

    public void Register(ChatConnection connection)
    {
        _byName.GetOrAdd(connection.ChatName!, _ => new()).TryAdd(connection, 0);
    }

    public void Unregister(ChatConnection connection)
    {
        if (connection.ChatName is { } name && _byName.TryGetValue(name, out var set))
        {
            set.TryRemove(connection, out _);
        }
    }

    /// <summary>Queues <paramref name="stanza"/> to every connection of <paramref name="chatName"/> (or the one resource).</summary>
    public int Deliver(string chatName, string? resource, string stanza)
    {
        if (!_byName.TryGetValue(chatName, out var set))
        {
            return 0;
        }

        var delivered = 0;
        foreach (var connection in set.Keys)
        {
            if ((resource is null || connection.Resource == resource) && connection.Enqueue(stanza))
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>Drops every socket of a user without a close handshake (tests of client reconnects).</summary>
    public int Disconnect(string chatName)
    {
        if (!_byName.TryGetValue(chatName, out var set))
        {
            return 0;
        }

        var count = 0;
        foreach (var connection in set.Keys)
        {
            connection.Abort();
            count++;
        }

        return count;
    }

    public bool IsOnline(string chatName) => _byName.TryGetValue(chatName, out var set) && !set.IsEmpty;

    /// <summary>Forwards an HTTP call reject as the <c>reject</c> signal a chat client would have sent.</summary>
    public void SendReject(int applicationId, int fromUserId, int toUserId, string sessionId, string platform)
    {
        var from = $"{fromUserId}-{applicationId}";
        var to = $"{toUserId}-{applicationId}";
        var stanza =
            $"<message xmlns=\"jabber:client\" type=\"headline\" id=\"{Guid.NewGuid():N}\" to=\"{to}@emulator\" from=\"{from}@emulator/http\">" +
            "<extraParams xmlns=\"jabber:client\"><moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>reject</signalType>" +
            $"<sessionID>{SecurityElement.Escape(sessionId)}</sessionID><callerID>{toUserId}</callerID><platform>{SecurityElement.Escape(platform)}</platform>" +
            "</extraParams></message>";
        Deliver(to, null, stanza);
    }
}
