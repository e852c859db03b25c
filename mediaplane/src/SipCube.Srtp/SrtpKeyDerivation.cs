namespace SipCube.Srtp;

/// <summary>The AES-CM pseudo-random function that derives session keys from the master key and salt.</summary>
/// <remarks>RFC 3711 §4.3.1 and §4.3.3. The key derivation rate is 0 (DTLS-SRTP, RFC 5764 §4.1.2),
/// so r = 0 and each key is derived once. A 96-bit GCM master salt is multiplied by 2^16 first
/// (RFC 7714 §11, erratum 4938), as libsrtp and Chromium do.</remarks>
internal static class SrtpKeyDerivation
{
    /// <summary>Key derivation labels, RFC 3711 §4.3.1 and §4.3.2.</summary>
    internal enum Label : byte
    {
        RtpEncryption = 0x00,
        RtpAuthentication = 0x01,
        RtpSalt = 0x02,
        RtcpEncryption = 0x03,
        RtcpAuthentication = 0x04,
        RtcpSalt = 0x05,
    }

    private const int PrfSaltLength = 14;

    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, Label label, Span<byte> output)
    {
        using var prf = new AesCounterMode(masterKey);
        Derive(prf, masterSalt, label, output);
    }

    public static void Derive(AesCounterMode prf, ReadOnlySpan<byte> masterSalt, Label label, Span<byte> output)
    {
        if (masterSalt.Length > PrfSaltLength)
        {
            throw new ArgumentException("Master salt is longer than 112 bits.", nameof(masterSalt));
        }

        // x = key_id XOR master_salt, key_id = label || r (48 bits, zero); the IV is x * 2^16.
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[PrfSaltLength - 7] ^= (byte)label;
        output.Clear();
        prf.Transform(iv, output);
    }
}
