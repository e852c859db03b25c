using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace SipCube.Stun.Tests;

public class Rfc5769Tests
{
    private static readonly byte[] ShortTermKey = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    [Fact]
    public void Sample_request_parses_with_valid_integrity_and_fingerprint()
    {
        var bytes = TestVectors.Load("sample-request.hex");
        Assert.True(StunMessage.TryParse(bytes, out var msg, out var error), error.ToString());
        Assert.Equal(StunMessageType.BindingRequest, msg.Type);
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(msg.Username));
        Assert.Equal(0x6e0001ffu, msg.Priority);
        Assert.Equal(0x932ff9b151263b36UL, msg.IceControlled);
        Assert.Null(msg.IceControlling);
        Assert.True(msg.VerifyFingerprint());
        Assert.True(msg.VerifyMessageIntegrity(ShortTermKey));
        Assert.False(msg.VerifyMessageIntegrity("wrong"u8));
        Assert.True(msg.TryGetAttribute(StunAttributeType.Software, out var software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software));
    }

    [Theory]
    [InlineData("sample-ipv4-response.hex", "192.0.2.1")]
    [InlineData("sample-ipv6-response.hex", "2001:db8:1234:5678:11:2233:4455:6677")]
    public void Sample_responses_decode_xor_mapped_address(string file, string address)
    {
        var bytes = TestVectors.Load(file);
        Assert.True(StunMessage.TryParse(bytes, out var msg, out _));
        Assert.Equal(StunMessageType.BindingSuccess, msg.Type);
        Assert.True(msg.TryGetXorMappedAddress(out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), 32853), endPoint);
        Assert.True(msg.VerifyFingerprint());
        Assert.True(msg.VerifyMessageIntegrity(ShortTermKey));
    }

    [Fact]
    public void Long_term_sample_verifies_with_md5_key()
    {
        var bytes = TestVectors.Load("sample-request-long-term.hex");
        Assert.True(StunMessage.TryParse(bytes, out var msg, out _));
        var key = MD5.HashData(Encoding.UTF8.GetBytes("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org:TheMatrIX"));
        Assert.True(msg.VerifyMessageIntegrity(key));
        Assert.False(msg.HasFingerprint);
    }

    [Theory]
    [InlineData("sample-ipv4-response.hex", "192.0.2.1")]
    [InlineData("sample-ipv6-response.hex", "2001:db8:1234:5678:11:2233:4455:6677")]
    public void Writer_reproduces_sample_responses_byte_for_byte(string file, string address)
    {
        var expected = TestVectors.Load(file);
        StunMessage.TryParse(expected, out var msg, out _);
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingSuccess, msg.TransactionId);
        // The RFC pads SOFTWARE with a space; reproduce it byte for byte.
        writer.AddAttribute(StunAttributeType.Software, "test vector"u8);
        buffer[20 + 4 + 11] = 0x20;
        writer.AddXorMappedAddress(IPAddress.Parse(address), 32853);
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, writer.Length));
    }
}
