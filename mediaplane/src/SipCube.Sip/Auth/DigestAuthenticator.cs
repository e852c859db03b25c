using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SipCube.Sip.Message;

namespace SipCube.Sip.Auth;

/// <summary>
/// Server side of SIP digest authentication with MD5 and SHA-256, qop=auth, stateless signed nonces,
/// expiry (stale=true) and nonce-count replay protection.
/// </summary>
/// <remarks>
/// RFC 3261 §22.4, RFC 8760 (SHA-256 for SIP), RFC 7616 §3.3-3.4. Nonce = base64url(time ‖ random ‖
/// HMAC-SHA256(secret, time ‖ random ‖ realm)[0..16]), so any node with the secret can check it. A wrong
/// user and a wrong password both end in <see cref="DigestOutcome.Rejected"/> after the same hashing
/// work, so the client cannot tell them apart.
/// </remarks>
public sealed class DigestAuthenticator
{
    private const int NonceBytes = 8 + 8 + 16;
    private readonly DigestAuthenticatorOptions _options;
    private readonly IDigestCredentialSource _credentials;
    private readonly TimeProvider _time;
    private readonly NonceCountTable _nonceCounts;

    /// <summary>Creates an authenticator.</summary>
    public DigestAuthenticator(DigestAuthenticatorOptions options, IDigestCredentialSource credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Secret.Length < 16)
        {
            throw new ArgumentException("the nonce secret must have at least 16 bytes", nameof(options));
        }

        _options = options;
        _credentials = credentials;
        _time = time;
        _nonceCounts = new NonceCountTable(options.MaxTrackedNonces, options.NonceLifetime);
    }

    /// <summary>Nonces whose nonce-count is tracked now (bounded by <see cref="DigestAuthenticatorOptions.MaxTrackedNonces"/>).</summary>
    public int TrackedNonces => _nonceCounts.Count;

    /// <summary>Checks the Authorization headers of <paramref name="request"/> for <paramref name="realm"/>.</summary>
    public ValueTask<(DigestOutcome Outcome, string? User)> AuthenticateAsync(SipMessage request, string realm, CancellationToken cancellationToken) =>
        AuthenticateAsync(request, realm, SipHeaderKind.Authorization, cancellationToken);

    /// <summary>Checks the <paramref name="credentialsHeader"/> headers (Authorization, or Proxy-Authorization for requests
    /// challenged with 407, RFC 3261 §22.3) of <paramref name="request"/> for <paramref name="realm"/>.</summary>
    public async ValueTask<(DigestOutcome Outcome, string? User)> AuthenticateAsync(SipMessage request, string realm, SipHeaderKind credentialsHeader,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DigestCredentialsHeader? header = null;
        foreach (var field in request.Headers)
        {
            if (field.Kind == credentialsHeader && DigestCredentialsHeader.TryParse(field.Value, out var parsed)
                && string.Equals(parsed.Realm, realm, StringComparison.Ordinal))
            {
                header = parsed;
                break;
            }
        }

        if (header is null)
        {
            return (DigestOutcome.Missing, null);
        }

        var algorithm = DigestAlgorithm.FromName(header.Algorithm);
        if (algorithm is null || !_options.Algorithms.Contains(algorithm) || header.Qop != "auth" || header.CNonce is null
            || header.NonceCount is not { Length: 8 } || !int.TryParse(header.NonceCount, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var nc)
            || header.Uri is null)
        {
            return (DigestOutcome.Rejected, null);
        }

        var nonceState = CheckNonce(header.Nonce!, realm, out var nonceIssued);
        if (nonceState == DigestOutcome.Rejected)
        {
            return (DigestOutcome.Rejected, null);
        }

        var credentials = await _credentials.FindAsync(header.Username!, realm, cancellationToken);
        var ha1 = credentials is null ? null : algorithm.Ha1(credentials);
        var expected = ExpectedResponse(algorithm, ha1 ?? algorithm.Hash("\0no-such-user\0"), header, request.Method!);
        var matches = ha1 is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Response!.ToLowerInvariant()));
        if (!matches)
        {
            return (DigestOutcome.Rejected, null);
        }

        if (nonceState == DigestOutcome.Stale)
        {
            return (DigestOutcome.Stale, null);
        }

        var countState = _nonceCounts.Accept(header.Nonce!, nonceIssued, nc, _time.GetUtcNow().ToUnixTimeMilliseconds());
        return countState == DigestOutcome.Authenticated ? (DigestOutcome.Authenticated, header.Username) : (countState, null);
    }

    /// <summary>Adds one WWW-Authenticate per configured algorithm to <paramref name="response"/>.</summary>
    public void AddChallenges(SipMessage response, string realm, bool stale) => AddChallenges(response, realm, stale, SipHeaderKind.WwwAuthenticate);

    /// <summary>Adds one <paramref name="challengeHeader"/> (WWW-Authenticate, or Proxy-Authenticate in a 407) per
    /// configured algorithm to <paramref name="response"/>.</summary>
    public void AddChallenges(SipMessage response, string realm, bool stale, SipHeaderKind challengeHeader)
    {
        ArgumentNullException.ThrowIfNull(response);
        var nonce = CreateNonce(realm);
        foreach (var algorithm in _options.Algorithms)
        {
            var value = $"Digest realm={SipGrammar.Quote(realm)}, nonce=\"{nonce}\", algorithm={algorithm.Name}, qop=\"auth\"" + (stale ? ", stale=true" : string.Empty);
            response.Add(challengeHeader, value);
        }
    }

    /// <summary>A new nonce for <paramref name="realm"/>.</summary>
    public string CreateNonce(string realm)
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(8, 8));
        Sign(nonce[..16], realm, nonce[16..]);
        return Base64Url(nonce);
    }

    private DigestOutcome CheckNonce(string nonce, string realm, out long issued)
    {
        issued = 0;
        Span<byte> bytes = stackalloc byte[NonceBytes + 2];
        // The OperationStatus overload: TryDecodeFromChars throws on characters outside the alphabet (peer input).
        if (nonce.Length != 43
            || System.Buffers.Text.Base64Url.DecodeFromChars(nonce, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != NonceBytes)
        {
            return DigestOutcome.Rejected;
        }

        Span<byte> mac = stackalloc byte[16];
        Sign(bytes[..16], realm, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes.Slice(16, 16)))
        {
            return DigestOutcome.Rejected;
        }

        issued = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return _time.GetUtcNow().ToUnixTimeMilliseconds() > issued + (long)_options.NonceLifetime.TotalMilliseconds ? DigestOutcome.Stale : DigestOutcome.Authenticated;
    }

    private static string ExpectedResponse(DigestAlgorithm algorithm, string ha1, DigestCredentialsHeader header, string method)
    {
        var ha2 = algorithm.Hash(method + ":" + header.Uri);
        return algorithm.Hash(string.Join(':', ha1, header.Nonce, header.NonceCount, header.CNonce, header.Qop, ha2));
    }

    private void Sign(ReadOnlySpan<byte> data, string realm, Span<byte> output)
    {
        // Two signatures per REGISTER exchange (issue and check): built on the stack for realms of usual length.
        var length = data.Length + Encoding.UTF8.GetByteCount(realm);
        var input = length <= 256 ? stackalloc byte[length] : new byte[length];
        data.CopyTo(input);
        Encoding.UTF8.GetBytes(realm, input[data.Length..]);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_options.Secret, input, full);
        full[..output.Length].CopyTo(output);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
