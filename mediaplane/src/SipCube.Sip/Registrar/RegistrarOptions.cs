namespace SipCube.Sip.Registrar;

/// <summary>Registrar settings.</summary>
/// <remarks>RFC 3261 §10.3 step 7 (expiration interval, Min-Expires / 423), §20.19.</remarks>
public sealed record RegistrarOptions
{
    /// <summary>Shortest accepted registration (seconds); shorter non-zero requests get 423.</summary>
    public int MinExpires { get; init; } = 60;

    /// <summary>Longest granted registration (seconds); longer requests are shortened.</summary>
    public int MaxExpires { get; init; } = 3600;

    /// <summary>Granted when neither the contact nor the request says.</summary>
    public int DefaultExpires { get; init; } = 3600;

    /// <summary>Fixed realm; null means the host part of the To URI (the mapping's SIP URI host).</summary>
    public string? Realm { get; init; }
}
