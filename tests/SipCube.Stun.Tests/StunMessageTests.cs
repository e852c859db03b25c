using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace SipCube.Stun.Tests;

public class StunMessageTests
{
    private static readonly byte[] TransactionId = Convert.FromHexString("0102030405060708090A0B0C");

    [Theory]
    [InlineData(StunClass.Request, 0x001, 0x0001)]
    [InlineData(StunClass.SuccessResponse, 0x001, 0x0101)]
    [InlineData(StunClass.ErrorResponse, 0x001, 0x0111)]
    [InlineData(StunClass.Indication, 0x001, 0x0011)]
    [InlineData(StunClass.Request, 0xFFF, 0x3EEF)]
    public void Message_type_encodes_method_and_class_bits(StunClass cls, ushort method, ushort wire)
    {
        Assert.Equal(wire, new StunMessageType(method, cls).ToUInt16());
        Assert.Equal(new StunMessageType(method, cls), StunMessageType.FromUInt16(wire));
    }

    [Fact]
    public void Built_message_round_trips_every_attribute()
    {
        var buffer = new byte[512];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, TransactionId);
        writer.AddText(StunAttributeType.Username, "abcd:efgh");
        writer.AddUInt32(StunAttributeType.Priority, 0x7EFFFFFF);
        writer.AddUInt64(StunAttributeType.IceControlling, 0x1122334455667788);
        writer.AddFlag(StunAttributeType.UseCandidate);
        writer.AddXorMappedAddress(IPAddress.Parse("::1"), 5000);
        writer.AddErrorCode(487, "Role Conflict");
        writer.AddMessageIntegrity("pwd"u8);
        writer.AddMessageIntegritySha256("pwd"u8);
        writer.AddFingerprint();

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out var msg, out var consumed, out var error), error.ToString());
        Assert.Equal(writer.Length, consumed);
        Assert.Equal("abcd:efgh"u8.ToArray(), msg.Username.ToArray());
        Assert.Equal(0x7EFFFFFFu, msg.Priority);
        Assert.Equal(0x1122334455667788UL, msg.IceControlling);
        Assert.True(msg.UseCandidate);
        Assert.Equal(487, msg.ErrorCode);
        Assert.True(msg.TryGetXorMappedAddress(out var ep));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 5000), ep);
        Assert.True(msg.VerifyMessageIntegrity("pwd"u8));
        Assert.True(msg.VerifyMessageIntegritySha256("pwd"u8));
        Assert.False(msg.VerifyMessageIntegritySha256("other"u8));
        Assert.True(msg.VerifyFingerprint());
        Assert.Equal(TransactionId, msg.TransactionId.ToArray());
    }

    [Fact]
    public void Every_truncated_prefix_is_rejected_without_throwing()
    {
        var bytes = TestVectors.Load("sample-request.hex");
        for (var n = 0; n < bytes.Length; n++)
        {
            Assert.False(StunMessage.TryParse(bytes.AsSpan(0, n), out _, out var error));
            Assert.Equal(StunParseError.Truncated, error);
        }
    }

    [Fact]
    public void Bad_cookie_and_top_bits_are_distinguished()
    {
        var bytes = TestVectors.Load("sample-request.hex");
        bytes[4] ^= 1;
        Assert.False(StunMessage.TryParse(bytes, out _, out var e1));
        Assert.Equal(StunParseError.BadMagicCookie, e1);
        bytes[4] ^= 1;
        bytes[0] = 0x80;
        Assert.False(StunMessage.TryParse(bytes, out _, out var e2));
        Assert.Equal(StunParseError.NotStun, e2);
    }

    [Fact]
    public void Attribute_after_fingerprint_is_malformed()
    {
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, TransactionId);
        writer.AddFingerprint();
        writer.AddUInt32(StunAttributeType.Priority, 1);
        Assert.False(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out _, out var error));
        Assert.Equal(StunParseError.AttributeAfterIntegrity, error);
    }

    [Fact]
    public void Flipped_bit_breaks_fingerprint_and_integrity()
    {
        var bytes = TestVectors.Load("sample-request.hex");
        bytes[30] ^= 0x01;
        Assert.True(StunMessage.TryParse(bytes, out var msg, out _));
        Assert.False(msg.VerifyFingerprint());
        Assert.False(msg.VerifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBt"u8));
    }

    [Fact]
    public void Parsing_and_verifying_allocates_nothing()
    {
        var bytes = TestVectors.Load("sample-request.hex");
        var key = "VOkJxbRl1RmTxUk/WvJxBt"u8.ToArray();
        Verify(bytes, key);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(Verify(bytes, key));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static bool Verify(byte[] bytes, byte[] key) =>
            StunMessage.TryParse(bytes, out var msg, out _) && msg.VerifyFingerprint() && msg.VerifyMessageIntegrity(key);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            if (StunMessage.TryParse(bytes, out var msg, out var consumed, out _))
            {
                _ = msg.VerifyFingerprint();
                _ = msg.TryGetXorMappedAddress(out _);
                return consumed <= bytes.Length;
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Mutated_vectors_never_throw()
    {
        var seed = TestVectors.Load("sample-ipv6-response.hex");
        Prop.ForAll<int, byte>((position, value) =>
        {
            var copy = (byte[])seed.Clone();
            copy[Math.Abs(position % copy.Length)] = value;
            if (StunMessage.TryParse(copy, out var msg, out _))
            {
                _ = msg.VerifyMessageIntegrity("x"u8);
                _ = msg.TryGetXorMappedAddress(out _);
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
