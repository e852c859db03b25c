namespace SipCube.Contracts.Mappings;

/// <summary>
/// What the media node needs to know about one SIP URI &lt;-&gt; ConnectyCube user mapping, returned by
/// <see cref="IMappingLookup"/>.
/// </summary>
/// <remarks>
/// Digest HA1 values per RFC 8760 §2 / RFC 7616 §3.4.2: lowercase hex of <c>H(user:realm:password)</c>, where the
/// realm is the host part of <see cref="SipUri"/>. A mapping with hashes is a phone (it registers); one without is an
/// app alias that phones dial to reach <see cref="ConnectyCubeUserId"/>.
/// </remarks>
public sealed record MappingIdentity
{
    /// <summary>Normalised AOR, <c>sip:user@host</c> (host lowercase, user as given; RFC 3261 §19.1.4).</summary>
    public required string SipUri { get; init; }

    /// <summary>User part of the AOR (case-sensitive).</summary>
    public required string User { get; init; }

    /// <summary>Host part of the AOR, lowercase; also the digest realm.</summary>
    public required string Domain { get; init; }

    /// <summary>Digest realm (= <see cref="Domain"/>).</summary>
    public string Realm => Domain;

    /// <summary>ConnectyCube user id this SIP URI maps to, if any.</summary>
    public long? ConnectyCubeUserId { get; init; }

    /// <summary>Display name for From/P-Asserted-Identity and the app's caller info.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Lowercase hex MD5 of <c>user:realm:password</c>; null for app aliases.</summary>
    public string? Ha1Md5 { get; init; }

    /// <summary>Lowercase hex SHA-256 of <c>user:realm:password</c>; null for app aliases.</summary>
    public string? Ha1Sha256 { get; init; }

    /// <summary>Decrypted ConnectyCube credentials the bridge logs in with, if the mapping holds them.</summary>
    public ConnectyCubeCredentials? ConnectyCube { get; init; }

    /// <summary>True when the mapping is a phone that may register (it has digest hashes).</summary>
    public bool IsPhone => Ha1Md5 is not null;
}
