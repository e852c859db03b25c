using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Sip.Tests.Interop;

/// <summary>The real endpoint on UDP+TCP 127.0.0.1:free port (and TLS on another one when given a certificate) with a
/// registrar (alice/secret in test.local).</summary>
internal sealed class SipServerUnderTest : IAsyncDisposable
{
    private SipServerUnderTest(int port, IReadOnlyList<DigestAlgorithm>? algorithms, X509Certificate2? tlsCertificate)
    {
        Port = port;
        Endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1" });
        Endpoint.AddTransport(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<UdpSipTransport>.Instance));
        Endpoint.AddTransport(new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<TcpSipTransport>.Instance));
        if (tlsCertificate is not null)
        {
            TlsPort = FreePort.Tcp();
            Endpoint.AddTransport(new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, TlsPort), NullLogger<TcpSipTransport>.Instance, tlsCertificate));
        }

        Credentials = new InMemoryDigestCredentialSource().Add("alice", "test.local", "secret").Add("bob", "test.local", "bobsecret");
        Location = new InMemoryLocationService(TimeProvider.System);
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions
        {
            Secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            Algorithms = algorithms ?? [DigestAlgorithm.Md5, DigestAlgorithm.Sha256],
        },
            Credentials, TimeProvider.System);
        Endpoint.MapMethod(SipMethods.Register, new SipRegistrar(new RegistrarOptions { MinExpires = 10 }, authenticator, Location, TimeProvider.System, Endpoint.Metrics));
    }

    public int Port { get; }

    /// <summary>The TLS port (0 without a certificate).</summary>
    public int TlsPort { get; }

    public SipEndpoint Endpoint { get; }

    public InMemoryDigestCredentialSource Credentials { get; }

    public InMemoryLocationService Location { get; }

    public static async Task<SipServerUnderTest> StartAsync(IReadOnlyList<DigestAlgorithm>? algorithms = null, X509Certificate2? tlsCertificate = null)
    {
        var server = new SipServerUnderTest(FreePort.UdpAndTcp(), algorithms, tlsCertificate);
        await server.Endpoint.StartAsync(CancellationToken.None);
        return server;
    }

    public async Task<IReadOnlyList<ContactBinding>> WaitForContactsAsync(string aor, Func<IReadOnlyList<ContactBinding>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var contacts = Location.GetContacts(aor);
            if (condition(contacts))
            {
                return contacts;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"bindings of {aor} never matched; now: {string.Join(", ", contacts.Select(c => c.Contact))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Endpoint.DisposeAsync();
        Location.Dispose();
    }
}
