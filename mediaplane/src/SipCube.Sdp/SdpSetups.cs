namespace SipCube.Sdp;

/// <summary>Conversions for <see cref="SdpSetup"/>.</summary>
/// <remarks>RFC 4145 §4</remarks>
public static class SdpSetups
{
    /// <summary>The attribute value.</summary>
    public static string ToValue(this SdpSetup setup) => setup switch
    {
        SdpSetup.Active => "active",
        SdpSetup.Passive => "passive",
        SdpSetup.HoldConn => "holdconn",
        _ => "actpass",
    };

    /// <summary>Parses a value; null when unknown.</summary>
    public static SdpSetup? TryParse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "actpass" => SdpSetup.ActPass,
        "active" => SdpSetup.Active,
        "passive" => SdpSetup.Passive,
        "holdconn" => SdpSetup.HoldConn,
        _ => null,
    };
}
