using SipCube.Sip.Auth;
using SipCube.Sip.Tests.Interop;
using SipCube.Testing;
using SipCube.Testing.Phones;

namespace SipCube.Sip.Tests.Harness;

/// <summary>
/// The phone harness against our own registrar (the real SIP endpoint with MD5 digest), the way the end-to-end tests
/// register phones at the node: baresip over UDP and TCP, and SIPp's register.xml from the port a uas_* scenario
/// then listens on.
/// </summary>
[Trait("Category", "Interop")]
public sealed class RealRegistrarPhoneTests
{
    private const string Aor = "sip:alice@test.local";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [SkippableTheory]
    [InlineData(PhoneTransport.Udp)]
    [InlineData(PhoneTransport.Tcp)]
    public async Task BaresipPhone_registers_and_unregisters(PhoneTransport transport)
    {
        InteropPeer.RequirePrivateNetwork();
        // baresip 1.0 cannot answer a challenge set that includes SHA-256, so the node must offer MD5 alone to it.
        await using var server = await SipServerUnderTest.StartAsync([DigestAlgorithm.Md5]);
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions
        {
            User = "alice",
            Password = "secret",
            Registrar = $"127.0.0.1:{server.Port}",
            Transport = transport,
        });

        await phone.WaitForRegisteredAsync(Bound);
        var binding = Assert.Single(await server.WaitForContactsAsync(Aor, c => c.Count == 1, Bound));
        Assert.Equal(transport.ToString().ToUpperInvariant(), binding.Flow.Transport);
        Assert.Contains($"@127.0.0.1:{phone.SipPort}", binding.Contact, StringComparison.Ordinal);

        await phone.UnregisterAsync(Bound);
        await server.WaitForContactsAsync(Aor, c => c.Count == 0, Bound);
    }

    [SkippableFact]
    public async Task A_wrong_password_fails_WaitForRegisteredAsync_quickly()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var server = await SipServerUnderTest.StartAsync([DigestAlgorithm.Md5]);
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions
        {
            User = "alice",
            Password = "not-the-password",
            Registrar = $"127.0.0.1:{server.Port}",
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => phone.WaitForRegisteredAsync(Bound));
        Assert.Empty(server.Location.GetContacts(Aor));
    }

    [SkippableFact]
    public async Task Sipp_register_binds_the_port_a_uas_scenario_then_listens_on_and_expires_0_removes_it()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var server = await SipServerUnderTest.StartAsync();
        var port = FreePort.UdpAndTcp();

        var registered = await SippPhone.RegisterAsync($"127.0.0.1:{server.Port}", "alice", "secret", port);

        Assert.True(registered.Succeeded, registered.ToString());
        var binding = Assert.Single(server.Location.GetContacts(Aor));
        Assert.Equal($"sip:alice@127.0.0.1:{port};transport=UDP", binding.Contact);

        var unregistered = await SippPhone.RegisterAsync($"127.0.0.1:{server.Port}", "alice", "secret", port, expires: 0);

        Assert.True(unregistered.Succeeded, unregistered.ToString());
        Assert.Empty(server.Location.GetContacts(Aor));
    }
}
