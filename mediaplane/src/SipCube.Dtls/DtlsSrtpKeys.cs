namespace SipCube.Dtls;

/// <summary>SRTP master keys and salts exported from a finished DTLS handshake.</summary>
/// <remarks>
/// RFC 5764 §4.2: the exporter (label "EXTRACTOR-dtls_srtp") yields
/// client_write_key | server_write_key | client_write_salt | server_write_salt.
/// The side that was the DTLS client protects its outbound SRTP with the client key and salt.
/// </remarks>
public sealed class DtlsSrtpKeys
{
    internal DtlsSrtpKeys(DtlsSrtpProfile profile, DtlsRole role, ReadOnlySpan<byte> material)
    {
        Profile = profile;
        Role = role;
        var keyLength = KeyLength(profile);
        var saltLength = SaltLength(profile);
        var clientKey = material[..keyLength];
        var serverKey = material.Slice(keyLength, keyLength);
        var clientSalt = material.Slice(2 * keyLength, saltLength);
        var serverSalt = material.Slice((2 * keyLength) + saltLength, saltLength);
        var weAreClient = role == DtlsRole.Client;
        LocalMasterKey = (weAreClient ? clientKey : serverKey).ToArray();
        LocalMasterSalt = (weAreClient ? clientSalt : serverSalt).ToArray();
        RemoteMasterKey = (weAreClient ? serverKey : clientKey).ToArray();
        RemoteMasterSalt = (weAreClient ? serverSalt : clientSalt).ToArray();
    }

    /// <summary>The negotiated protection profile.</summary>
    public DtlsSrtpProfile Profile { get; }

    /// <summary>Our DTLS role in the handshake that produced these keys.</summary>
    public DtlsRole Role { get; }

    /// <summary>Master key for what we send.</summary>
    public byte[] LocalMasterKey { get; }

    /// <summary>Master salt for what we send.</summary>
    public byte[] LocalMasterSalt { get; }

    /// <summary>Master key for what the peer sends.</summary>
    public byte[] RemoteMasterKey { get; }

    /// <summary>Master salt for what the peer sends.</summary>
    public byte[] RemoteMasterSalt { get; }

    /// <summary>Master key length of <paramref name="profile"/> in bytes.</summary>
    public static int KeyLength(DtlsSrtpProfile profile) => 16;

    /// <summary>Master salt length of <paramref name="profile"/> in bytes (RFC 7714 §12: 12 for GCM).</summary>
    public static int SaltLength(DtlsSrtpProfile profile) => profile == DtlsSrtpProfile.AeadAes128Gcm ? 12 : 14;

    /// <summary>Bytes to export: 2 × (key + salt).</summary>
    public static int MaterialLength(DtlsSrtpProfile profile) => 2 * (KeyLength(profile) + SaltLength(profile));
}
