namespace SipCube.ConnectyCube.Emulator;

/// <summary>Settings of the emulator (configuration section <c>Emulator</c>).</summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces"; connectycube-protocol.md §7.</remarks>
public sealed class EmulatorOptions
{
    /// <summary>The local application id the single box uses (any id is served).</summary>
    public int ApplicationId { get; set; } = 1;

    /// <summary>The local application's auth key (any key is served).</summary>
    public string AuthKey { get; set; } = "sipcube-local";

    /// <summary>When set, session requests must carry a valid legacy HMAC-SHA1 signature keyed with it.</summary>
    public string? AuthSecret { get; set; }

    /// <summary>Listen URL; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:7080";

    /// <summary>Sliding session lifetime (the real API: two hours after the last request).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Largest stanza accepted on the chat socket.</summary>
    public int MaxStanzaBytes { get; set; } = 64 * 1024;

    /// <summary>Outbound stanzas queued per chat connection before the slow reader is disconnected.</summary>
    public int MaxQueuedStanzas { get; set; } = 256;
}
