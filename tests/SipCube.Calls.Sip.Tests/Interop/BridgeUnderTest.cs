using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Contracts.Mappings;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Calls.Sip.Tests.Interop;

/// <summary>
/// The SIP edge on real UDP/TCP sockets at 127.0.0.1:free port: endpoint, registrar and the adapter, with a real
/// <see cref="CallRegistry"/> whose app legs are fakes (answering at once) and whose bridge echoes SDP. alice/secret is a
/// phone mapping in realm test.local.
/// </summary>
internal sealed class BridgeUnderTest : IAsyncDisposable
{
    public const string AnswerSdp = "v=0\r\no=sipcube 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private BridgeUnderTest(int port, IReadOnlyList<DigestAlgorithm>? algorithms)
    {
        Port = port;
        Endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1" });
        Endpoint.AddTransport(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<UdpSipTransport>.Instance));
        Endpoint.AddTransport(new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<TcpSipTransport>.Instance));
        var credentials = new InMemoryDigestCredentialSource().Add("alice", "test.local", "secret");
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions
        {
            Secret = RandomNumberGenerator.GetBytes(32),
            Algorithms = algorithms ?? [DigestAlgorithm.Md5, DigestAlgorithm.Sha256],
        }, credentials, TimeProvider.System);
        Location = new InMemoryLocationService(TimeProvider.System);
        Endpoint.MapMethod(SipMethods.Register, new SipRegistrar(new RegistrarOptions { MinExpires = 10 }, authenticator, Location, TimeProvider.System, Endpoint.Metrics));
        var alice = new MappingIdentity { SipUri = "sip:alice@test.local", User = "alice", Domain = "test.local", ConnectyCubeUserId = 1001, Ha1Md5 = "x" };
        var mappings = new FakeMappings();
        mappings.ByUser["alice"] = alice;
        Legs = new SipLegFactory(Endpoint, Location, new SipCallOptions { Domain = "test.local" });
        Factory = new TestLegFactory(() => Legs)
        {
            AutoAnswerSdp = AnswerSdp,
            Reanswer = offer => offer.Contains("a=sendonly", StringComparison.Ordinal) ? AnswerSdp + "a=recvonly\r\n" : AnswerSdp,
        };
        Registry = new CallRegistry(new CallSessionServices
        {
            Router = new FakeRouter(new SipContactLocator(Location), alice),
            Legs = Factory,
            Events = Events,
        });
        new SipCallHandlers(Legs, Registry, authenticator, mappings).Map();
    }

    public int Port { get; }

    public SipEndpoint Endpoint { get; }

    public InMemoryLocationService Location { get; }

    public SipLegFactory Legs { get; }

    public TestLegFactory Factory { get; }

    public CallRegistry Registry { get; }

    public RecordingEvents Events { get; } = new();

    /// <summary>Starts the bridge; <paramref name="algorithms"/> are the digest challenges offered (MD5 then SHA-256 by
    /// default; baresip 1.0's libre gives up on a SHA-256 challenge, so its tests offer MD5 only).</summary>
    public static async Task<BridgeUnderTest> StartAsync(IReadOnlyList<DigestAlgorithm>? algorithms = null)
    {
        var bridge = new BridgeUnderTest(FreePort.UdpAndTcp(), algorithms);
        await bridge.Endpoint.StartAsync(CancellationToken.None);
        return bridge;
    }

    public async Task<Termination> EndedAsync(TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        Termination termination;
        while (!Events.Ended.TryDequeue(out termination))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the call never ended");
            }

            await Task.Delay(20);
        }

        return termination;
    }

    public async ValueTask DisposeAsync()
    {
        await Endpoint.DisposeAsync();
        Location.Dispose();
    }
}
