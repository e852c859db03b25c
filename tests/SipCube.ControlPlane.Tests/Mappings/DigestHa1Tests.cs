using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Mappings;

public sealed class DigestHa1Tests
{
    // RFC 2617 §3.5 example credentials; HA1 = MD5("Mufasa:testrealm@host.com:Circle Of Life").
    [Fact]
    public void Md5_matches_the_rfc2617_example() =>
        Assert.Equal("939e7578ed9e3c518a452acee763bce9", DigestHa1.Md5("Mufasa", "testrealm@host.com", "Circle Of Life"));

    // RFC 7616 §3.9.1 example credentials; HA1 = SHA-256("Mufasa:http-auth@example.org:Circle of Life").
    [Fact]
    public void Sha256_matches_the_rfc7616_example() =>
        Assert.Equal("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232", DigestHa1.Sha256("Mufasa", "http-auth@example.org", "Circle of Life"));
}
