using System.Security.Cryptography;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Mappings;

public sealed class CredentialCipherTests
{
    private readonly CredentialCipher _cipher = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Sealed_credentials_open_with_the_same_key_and_sip_uri()
    {
        var sealedText = _cipher.Seal("sip:a@x", "login", "pässword");

        var opened = _cipher.Open("sip:a@x", sealedText);

        Assert.Equal("login", opened!.Login);
        Assert.Equal("pässword", opened.Password);
        Assert.DoesNotContain("login", sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain("pässword", opened.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sealed_value_copied_to_another_mapping_or_key_does_not_open()
    {
        var sealedText = _cipher.Seal("sip:a@x", "login", "pw");

        Assert.Null(_cipher.Open("sip:b@x", sealedText));
        Assert.Null(new CredentialCipher(RandomNumberGenerator.GetBytes(32)).Open("sip:a@x", sealedText));
        Assert.Null(new CredentialCipher(null).Open("sip:a@x", sealedText));
    }

    [Fact]
    public void Each_seal_uses_a_fresh_nonce() =>
        Assert.NotEqual(_cipher.Seal("sip:a@x", "l", "p"), _cipher.Seal("sip:a@x", "l", "p"));

    [Fact]
    public void Without_a_key_sealing_fails_loudly() =>
        Assert.Throws<InvalidOperationException>(() => new CredentialCipher(null).Seal("sip:a@x", "l", "p"));
}
