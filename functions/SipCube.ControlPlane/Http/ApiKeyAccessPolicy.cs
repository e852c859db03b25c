using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// The single box's policy: with <c>SipCube:Api:Key</c> configured, the caller must send it in <c>x-functions-key</c>
/// or <c>Authorization: Bearer</c>; without a key, only loopback callers are served.
/// </summary>
/// <remarks>Bearer syntax per RFC 6750 §2.1. Keys are compared as SHA-256 digests in constant time.</remarks>
public sealed class ApiKeyAccessPolicy : IApiAccessPolicy
{
    private readonly byte[]? _keyDigest;

    /// <summary>Creates the policy; a null or empty <paramref name="apiKey"/> means "loopback callers only".</summary>
    public ApiKeyAccessPolicy(string? apiKey)
    {
        _keyDigest = string.IsNullOrEmpty(apiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
    }

    /// <inheritdoc/>
    public bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_keyDigest is null)
        {
            // A null address is not a TCP caller we can vouch for, so it is not treated as loopback.
            var remote = request.HttpContext.Connection.RemoteIpAddress;
            return remote is not null && IPAddress.IsLoopback(remote);
        }

        var presented = PresentedKey(request);
        return presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyDigest);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("x-functions-key", out var functionsKey) && functionsKey.Count == 1)
        {
            return functionsKey[0];
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value[7..].Trim();
        }

        return null;
    }
}
