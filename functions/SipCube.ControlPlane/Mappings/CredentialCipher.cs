using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SipCube.Contracts.Mappings;

namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// Encrypts ConnectyCube credentials at rest with AES-256-GCM. The mapping's SIP URI is the associated data, so a
/// sealed value copied onto another mapping does not open.
/// </summary>
/// <remarks>Format: <c>v1.</c> + base64(nonce[12] | tag[16] | ciphertext), plaintext = u16 login length | login | password (UTF-8).</remarks>
internal sealed class CredentialCipher
{
    private const string Prefix = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[]? _key;

    public CredentialCipher(byte[]? key)
    {
        if (key is not null && key.Length != 32)
        {
            throw new ArgumentException("the credential key must be 32 bytes (AES-256)", nameof(key));
        }

        _key = key;
    }

    /// <summary>True when a key is configured; without one, mappings with ConnectyCube credentials cannot be written.</summary>
    public bool HasKey => _key is not null;

    public string Seal(string sipUri, string login, string password)
    {
        var key = _key ?? throw new InvalidOperationException("no credential key configured (SipCube:Secrets:CredentialKey)");
        var loginBytes = Encoding.UTF8.GetBytes(login);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var plain = new byte[2 + loginBytes.Length + passwordBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(plain, checked((ushort)loginBytes.Length));
        loginBytes.CopyTo(plain, 2);
        passwordBytes.CopyTo(plain, 2 + loginBytes.Length);

        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(sipUri));
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public ConnectyCubeCredentials? Open(string sipUri, string? sealedText)
    {
        if (sealedText is null || _key is null || !sealedText.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        // A corrupt stored value must not break lookups: treat it like a value sealed under another key.
        var base64 = sealedText.AsSpan(Prefix.Length);
        var sealedBytes = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64Chars(base64, sealedBytes, out var written) || written < NonceSize + TagSize + 2)
        {
            return null;
        }

        sealedBytes = sealedBytes[..written];

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(sipUri));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        var loginLength = BinaryPrimitives.ReadUInt16BigEndian(plain);
        var login = Encoding.UTF8.GetString(plain, 2, loginLength);
        var password = Encoding.UTF8.GetString(plain, 2 + loginLength, plain.Length - 2 - loginLength);
        CryptographicOperations.ZeroMemory(plain);
        return new ConnectyCubeCredentials(login, password);
    }
}
