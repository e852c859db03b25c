using System.Net;
using SipCube.Stun.IceLite;
using SipCube.Testing;

namespace SipCube.Stun.Tests.IceLite;

public class IceLiteAgentTests
{
    private static readonly IPEndPoint Browser = new(IPAddress.Loopback, 50000);
    private readonly IceCredentials local = new("locl", "localpasswordlocalpassword");

    [Fact]
    public void Valid_check_is_answered_with_the_source_address_and_our_integrity()
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        agent.SetRemoteUfrag("rmte");
        var response = new byte[256];
        var outcome = agent.HandleDatagram(Check("locl:rmte", local.Password), Browser, response, out var len);

        Assert.Equal(IceCheckOutcome.Answered, outcome);
        Assert.True(StunMessage.TryParse(response.AsSpan(0, len), out var msg, out _));
        Assert.Equal(StunMessageType.BindingSuccess, msg.Type);
        Assert.True(msg.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Browser, mapped);
        Assert.True(msg.VerifyMessageIntegrity(local.PasswordBytes));
        Assert.True(msg.VerifyFingerprint());
        Assert.Equal(Browser, agent.RemoteEndPoint);
        Assert.Null(agent.NominatedEndPoint);
    }

    [Fact]
    public void Use_candidate_nominates_and_renominates()
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        var nominated = new List<IPEndPoint>();
        agent.Nominated += nominated.Add;
        var other = new IPEndPoint(IPAddress.Loopback, 50002);
        var response = new byte[256];

        Assert.Equal(IceCheckOutcome.Nominated, agent.HandleDatagram(Check("locl:rmte", local.Password, useCandidate: true), Browser, response, out _));
        Assert.Equal(IceCheckOutcome.Nominated, agent.HandleDatagram(Check("locl:rmte", local.Password, useCandidate: true), Browser, response, out _));
        Assert.Equal(IceCheckOutcome.Nominated, agent.HandleDatagram(Check("locl:rmte", local.Password, useCandidate: true), other, response, out _));
        Assert.Equal([Browser, other], nominated);
        Assert.Equal(other, agent.NominatedEndPoint);
    }

    [Theory]
    [InlineData("locl:rmte", "wrongpassword", IceCheckOutcome.Unauthorized, 401)]
    [InlineData("other:rmte", "localpasswordlocalpassword", IceCheckOutcome.Unauthorized, 401)]
    [InlineData("locl:someoneelse", "localpasswordlocalpassword", IceCheckOutcome.Unauthorized, 401)]
    public void Bad_credentials_get_401_and_teach_nothing(string username, string password, IceCheckOutcome expected, int code)
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        agent.SetRemoteUfrag("rmte");
        var response = new byte[256];
        Assert.Equal(expected, agent.HandleDatagram(Check(username, password, useCandidate: true), Browser, response, out var len));
        Assert.True(StunMessage.TryParse(response.AsSpan(0, len), out var msg, out _));
        Assert.Equal(code, msg.ErrorCode);
        Assert.Null(agent.RemoteEndPoint);
    }

    [Fact]
    public void Controlled_peer_gets_487_role_conflict()
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        var response = new byte[256];
        Assert.Equal(IceCheckOutcome.RoleConflict, agent.HandleDatagram(Check("locl:rmte", local.Password, controlling: false), Browser, response, out var len));
        Assert.True(StunMessage.TryParse(response.AsSpan(0, len), out var msg, out _));
        Assert.Equal(487, msg.ErrorCode);
        Assert.True(msg.VerifyMessageIntegrity(local.PasswordBytes));
        Assert.Null(agent.RemoteEndPoint);
    }

    [Fact]
    public void Request_without_integrity_gets_400()
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, new byte[12]);
        writer.AddText(StunAttributeType.Username, "locl:rmte");
        writer.AddUInt64(StunAttributeType.IceControlling, 1);
        writer.AddFingerprint();
        Assert.Equal(IceCheckOutcome.BadRequest, agent.HandleDatagram(buffer.AsSpan(0, writer.Length), Browser, new byte[256], out _));
    }

    [Fact]
    public void Non_stun_and_bad_fingerprint_are_dropped()
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        var check = Check("locl:rmte", local.Password);
        check[^1] ^= 1;
        Assert.Equal(IceCheckOutcome.Dropped, agent.HandleDatagram(check, Browser, new byte[256], out var len));
        Assert.Equal(0, len);
        Assert.Equal(IceCheckOutcome.Dropped, agent.HandleDatagram(new byte[] { 0x80, 0, 0, 0 }, Browser, new byte[256], out _));
    }

    [Fact]
    public void Consent_expires_after_thirty_seconds_without_valid_checks()
    {
        var clock = TestClock.Create();
        using var agent = new IceLiteAgent(local, clock);
        var expired = 0;
        agent.ConsentExpired += () => expired++;
        agent.StartConsentTimer();
        var response = new byte[256];

        clock.Advance(TimeSpan.FromSeconds(25));
        agent.HandleDatagram(Check("locl:rmte", local.Password), Browser, response, out _);
        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(0, expired);
        agent.HandleDatagram(Check("locl:rmte", "bad-password-does-not-refresh"), Browser, response, out _);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, expired);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, expired);
    }

    [Fact]
    public void Answering_a_check_allocates_nothing()
    {
        using var agent = new IceLiteAgent(local, TestClock.Create());
        agent.SetRemoteUfrag("rmte");
        var check = Check("locl:rmte", local.Password, useCandidate: true);
        var response = new byte[256];
        agent.HandleDatagram(check, Browser, response, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            agent.HandleDatagram(check, Browser, response, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static byte[] Check(string username, string password, bool useCandidate = false, bool controlling = true)
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Guid.NewGuid().ToByteArray().AsSpan(0, 12));
        writer.AddText(StunAttributeType.Username, username);
        writer.AddUInt32(StunAttributeType.Priority, 0x6E0001FF);
        writer.AddUInt64(controlling ? StunAttributeType.IceControlling : StunAttributeType.IceControlled, 42);
        if (useCandidate)
        {
            writer.AddFlag(StunAttributeType.UseCandidate);
        }

        writer.AddMessageIntegrity(System.Text.Encoding.UTF8.GetBytes(password));
        writer.AddFingerprint();
        return buffer.AsSpan(0, writer.Length).ToArray();
    }
}
