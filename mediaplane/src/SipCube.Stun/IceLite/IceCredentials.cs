using System.Security.Cryptography;
using System.Text;

namespace SipCube.Stun.IceLite;

/// <summary>An ICE username fragment and password (short-term credential).</summary>
/// <remarks>RFC 8445 §5.3, RFC 8839 §5.4: ufrag at least 4 and pwd at least 22 ice-chars.</remarks>
public sealed class IceCredentials
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Creates credentials from known values.</summary>
    public IceCredentials(string ufrag, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(ufrag);
        ArgumentException.ThrowIfNullOrEmpty(password);
        Ufrag = ufrag;
        Password = password;
        PasswordBytes = Encoding.UTF8.GetBytes(password);
        IntegrityKey = new StunIntegrityKey(PasswordBytes);
        UfragBytes = Encoding.UTF8.GetBytes(ufrag);
    }

    /// <summary>The username fragment.</summary>
    public string Ufrag { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>The password as the HMAC key of short-term credentials (RFC 8489 §9.1.1).</summary>
    internal byte[] PasswordBytes { get; }

    /// <summary>The password as a precomputed MESSAGE-INTEGRITY key, shared by every check of the session.</summary>
    internal StunIntegrityKey IntegrityKey { get; }

    internal byte[] UfragBytes { get; }

    /// <summary>Fresh random credentials: 8-char ufrag, 24-char password (144 bits).</summary>
    public static IceCredentials Generate() =>
        new(RandomNumberGenerator.GetString(IceChars, 8), RandomNumberGenerator.GetString(IceChars, 24));
}
