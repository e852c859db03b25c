namespace SipCube.Sip.Auth;

/// <summary>
/// What the registrar needs to check a digest: the HA1 hashes, never a password.
/// HA1 = H(username ":" realm ":" password) as lower-case hex.
/// </summary>
/// <remarks>RFC 8760 §2 and RFC 7616 §3.4.2 (HA1 for MD5 and SHA-256).</remarks>
public sealed record DigestCredentials(string User, string Realm, string? Ha1Md5, string? Ha1Sha256);
