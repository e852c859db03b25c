namespace SipCube.Sdp;

/// <summary><c>a=fingerprint:&lt;hash-func&gt; &lt;hex pairs&gt;</c>.</summary>
/// <remarks>RFC 8122 §5</remarks>
public sealed record SdpFingerprint(string HashFunction, string Value)
{
    /// <summary>The attribute value.</summary>
    public override string ToString() => HashFunction + " " + Value;

    /// <summary>Parses a value; null when malformed.</summary>
    public static SdpFingerprint? TryParse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 ? new SdpFingerprint(parts[0].ToLowerInvariant(), parts[1]) : null;
    }
}
