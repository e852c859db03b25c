using SipCube.Contracts.Mappings;
using SipCube.Sip.Auth;

namespace SipCube.MediaNode.Sip;

/// <summary>Digest credentials from the mapping store's cached lookup: the HA1 hashes of <c>sip:user@realm</c>.</summary>
/// <remarks>The realm is the host part of the mapping's SIP URI; mappings without hashes (not phones) cannot register.</remarks>
internal sealed class MappingDigestCredentialSource(IMappingLookup lookup) : IDigestCredentialSource
{
    public async ValueTask<DigestCredentials?> FindAsync(string user, string realm, CancellationToken cancellationToken)
    {
        var mapping = await lookup.FindBySipUriAsync(user, realm, cancellationToken);
        return mapping is { IsPhone: true } ? new DigestCredentials(user, realm, mapping.Ha1Md5, mapping.Ha1Sha256) : null;
    }
}
