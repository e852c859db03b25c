using System.Text.Json;

namespace SipCube.Testing.Phones;

/// <summary>One event baresip pushed over <c>ctrl_tcp</c>, e.g. <c>CALL_CLOSED</c> with the reason in <see cref="Param"/>.</summary>
/// <param name="Type">See <see cref="BaresipEventTypes"/>.</param>
/// <param name="Class">call, register, application, other...</param>
/// <param name="AccountAor">The account the event belongs to.</param>
/// <param name="Direction">incoming or outgoing (call events).</param>
/// <param name="PeerUri">The remote party (call events).</param>
/// <param name="CallId">baresip's own call id (not the SIP Call-ID).</param>
/// <param name="Param">Event detail: peer URI, close reason, media type.</param>
/// <param name="Json">The event as received.</param>
/// <param name="ReceivedAt">When the harness read it.</param>
public sealed record BaresipEvent(
    string Type, string? Class, string? AccountAor, string? Direction, string? PeerUri, string? CallId, string? Param,
    string Json, DateTimeOffset ReceivedAt)
{
    /// <summary>Reads an event object; null when <paramref name="root"/> is not an event.</summary>
    internal static BaresipEvent? TryParse(JsonElement root, string json, DateTimeOffset receivedAt)
    {
        if (!root.TryGetProperty("event", out var isEvent) || isEvent.ValueKind != JsonValueKind.True)
        {
            return null;
        }

        return new BaresipEvent(Text(root, "type") ?? string.Empty, Text(root, "class"), Text(root, "accountaor"),
            Text(root, "direction"), Text(root, "peeruri"), Text(root, "id"), Text(root, "param"), json, receivedAt);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type} {Direction} {PeerUri} [{Param}]";

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
