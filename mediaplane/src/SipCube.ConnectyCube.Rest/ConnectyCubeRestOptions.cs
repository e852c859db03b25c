namespace SipCube.ConnectyCube.Rest;

/// <summary>Application credentials and client behaviour (configuration section <c>SipCube:ConnectyCube</c>).</summary>
/// <remarks>connectycube-protocol.md §1.1-§1.5.</remarks>
public sealed class ConnectyCubeRestOptions
{
    /// <summary>Base URL of the REST API; the emulator is <c>http://127.0.0.1:7080</c>.</summary>
    public Uri ApiUrl { get; set; } = new("https://api.connectycube.com");

    /// <summary>The application id.</summary>
    public int ApplicationId { get; set; }

    /// <summary>The application's auth key.</summary>
    public string AuthKey { get; set; } = string.Empty;

    /// <summary>When set, session requests use the legacy HMAC-SHA1 signed form (§1.3).</summary>
    public string? AuthSecret { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per call for 5xx, 429 and network errors (the first try included).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles per attempt.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The server's sliding session lifetime: two hours after the last request (§1.5).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A cached token is renewed this long before its sliding expiry, so no call races the deadline.</summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromMinutes(10);
}
