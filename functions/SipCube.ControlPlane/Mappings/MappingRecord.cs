namespace SipCube.ControlPlane.Mappings;

/// <summary>A mapping as stored: digest hashes and encrypted credentials only, never a plain password.</summary>
/// <remarks>HA1 per RFC 8760 §2 (MD5 and SHA-256 of <c>user:realm:password</c>, realm = host of the AOR).</remarks>
internal sealed record MappingRecord
{
    /// <summary>Normalised AOR text (the key).</summary>
    public required string SipUri { get; init; }

    /// <summary>User part (case-sensitive).</summary>
    public required string User { get; init; }

    /// <summary>Host part, lowercase; the digest realm.</summary>
    public required string Domain { get; init; }

    public long? ConnectyCubeUserId { get; init; }

    public string? DisplayName { get; init; }

    public string? Ha1Md5 { get; init; }

    public string? Ha1Sha256 { get; init; }

    /// <summary>ConnectyCube login/password sealed by <see cref="CredentialCipher"/>, bound to <see cref="SipUri"/>.</summary>
    public string? ConnectyCubeSecret { get; init; }

    /// <summary>Opaque version; changes on every write (the HTTP ETag without quotes).</summary>
    public required string Version { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }

    public DateTimeOffset UpdatedUtc { get; init; }

    /// <summary>A fresh random version string.</summary>
    public static string NewVersion() => Guid.NewGuid().ToString("N");
}
