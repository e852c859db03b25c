using System.Security.Cryptography;
using System.Text;

namespace SipCube.ControlPlane.Mappings;

/// <summary>Digest HA1 hashes of a SIP password, the only form in which it is stored.</summary>
/// <remarks>RFC 7616 §3.4.2 / RFC 8760 §2: HA1 = H(username ":" realm ":" password), lowercase hex.</remarks>
internal static class DigestHa1
{
    public static string Md5(string user, string realm, string password) => Hex(MD5.HashData(Input(user, realm, password)));

    public static string Sha256(string user, string realm, string password) => Hex(SHA256.HashData(Input(user, realm, password)));

    private static byte[] Input(string user, string realm, string password) => Encoding.UTF8.GetBytes(user + ":" + realm + ":" + password);

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
