namespace SipCube.Srtp;

/// <summary>
/// One direction of one SRTP session (the RFC 3711 cryptographic context): session keys derived once
/// from the master key and salt, and per-SSRC rollover counter, replay window and SRTCP index.
/// Protect and unprotect work in place on the caller's buffer and allocate nothing per packet.
/// Thread-compatible: one thread at a time per context.
/// </summary>
/// <remarks>RFC 3711 §3.2 (context), §3.3 (SRTP), §3.4 (SRTCP); RFC 7714 (AEAD_AES_128_GCM)</remarks>
public sealed partial class SrtpContext : IDisposable
{
    private readonly SrtpCipher cipher;
    private readonly SrtpStreamTable streams = new();
    private bool disposed;

    /// <summary>Derives the session keys for <paramref name="profile"/> from the master key and salt.</summary>
    /// <exception cref="ArgumentException">The key or salt length does not match the profile.</exception>
    public SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
        : this(profile, masterKey, masterSalt, allowIntrinsics: true)
    {
    }

    /// <summary>Same as the public constructor; <paramref name="allowIntrinsics"/> false forces the BCL AES/GCM paths and the managed SHA-1 (tests).</summary>
    internal SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool allowIntrinsics)
    {
        if (masterKey.Length != SrtpProfiles.KeyLength(profile))
        {
            throw new ArgumentException($"{profile} needs a {SrtpProfiles.KeyLength(profile)}-byte master key.", nameof(masterKey));
        }

        if (masterSalt.Length != SrtpProfiles.SaltLength(profile))
        {
            throw new ArgumentException($"{profile} needs a {SrtpProfiles.SaltLength(profile)}-byte master salt.", nameof(masterSalt));
        }

        Profile = profile;
        cipher = SrtpProfiles.IsAead(profile)
            ? AesGcmCipher.FromMasterKey(masterKey, masterSalt, allowIntrinsics)
            : new AesCmHmacSha1Cipher(profile, masterKey, masterSalt, allowIntrinsics);
    }

    internal SrtpContext(SrtpProfile profile, SrtpCipher cipher)
    {
        Profile = profile;
        this.cipher = cipher;
    }

    /// <summary>The protection profile this context was created for.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>Number of SSRCs this context holds state for.</summary>
    internal int StreamCount => streams.Count;

    /// <summary>Rollover counter of <paramref name="ssrc"/> (0 when unknown), for tests and diagnostics.</summary>
    internal uint RolloverCounter(uint ssrc) => (uint)((streams.Find(ssrc)?.Rtp.Highest ?? 0) >> 16);

    /// <summary>Sets the next SRTCP index to send for <paramref name="ssrc"/> (RFC vectors start mid-stream).</summary>
    internal void SetNextRtcpIndex(uint ssrc, uint index) => streams.GetOrAdd(ssrc)!.NextRtcpIndex = index & 0x7FFF_FFFF;

    /// <summary>Starts the receive/send state of <paramref name="ssrc"/> at ROC || SEQ = <paramref name="index"/> (tests, SDES ROC hand-over).</summary>
    internal void SetRtpIndex(uint ssrc, ulong index)
    {
        SrtpStreamState state = streams.GetOrAdd(ssrc)!;
        state.Rtp = default;
        state.Rtp.Accept(index);
    }

    /// <summary>Releases the cipher state and wipes nothing else (keys live only inside the ciphers).</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            cipher.Dispose();
        }
    }
}
