using System.Security.Cryptography;

namespace SipCube.Sip.Message;

/// <summary>Builds responses to a request.</summary>
/// <remarks>
/// RFC 3261 §8.2.6.2: copy Via (all, in order), From, Call-ID and CSeq; copy To and add a tag unless the
/// response is 100 Trying or the request already had one.
/// </remarks>
public static class SipResponseFactory
{
    /// <summary>Creates a response to <paramref name="request"/>.</summary>
    public static SipMessage Create(SipMessage request, int statusCode, string reasonPhrase, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = SipMessage.CreateResponse(statusCode, reasonPhrase);
        foreach (var header in request.Headers)
        {
            if (header.Kind is SipHeaderKind.Via or SipHeaderKind.From or SipHeaderKind.CallId or SipHeaderKind.CSeq)
            {
                response.Headers.Add(header);
            }
            else if (header.Kind == SipHeaderKind.To)
            {
                response.Headers.Add(AddTag(request, header, statusCode, toTag));
            }
        }

        return response;
    }

    /// <summary>A fresh random tag (RFC 3261 §19.3: at least 32 bits of randomness).</summary>
    public static string NewTag()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }

    /// <summary>A fresh branch with the magic cookie (RFC 3261 §8.1.1.7).</summary>
    public static string NewBranch()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return ViaHeader.MagicCookie + Convert.ToHexStringLower(random);
    }

    private static SipHeaderField AddTag(SipMessage request, SipHeaderField to, int statusCode, string? toTag)
    {
        // The request's first To is the one parsed (and cached) by validation; a second To never passes validation.
        var address = request.ToAddress;
        if (statusCode == 100 || address is null || address.Tag is not null)
        {
            return to;
        }

        return new SipHeaderField(SipHeaderKind.To, to.Value + ";tag=" + (toTag ?? NewTag()));
    }
}
