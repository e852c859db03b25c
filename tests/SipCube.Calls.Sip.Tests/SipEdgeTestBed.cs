using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SipCube.Calls.Ports;
using SipCube.Contracts.Mappings;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Calls.Sip.Tests;

/// <summary>
/// The SIP edge on an in-memory network: a real endpoint, the adapter, a real <see cref="CallRegistry"/> with fake app
/// legs and an SDP-echoing bridge, and raw "phones" whose inboxes the tests read. SIP timers run on <see cref="Clock"/>;
/// the call sessions have their own fake clock, so advancing SIP time never fires ring or media timers.
/// </summary>
internal sealed class SipEdgeTestBed : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5060);
    public static readonly IPEndPoint PhoneAddress = new(IPAddress.Parse("10.0.0.2"), 5070);
    public static readonly IPEndPoint SecondPhoneAddress = new(IPAddress.Parse("10.0.0.3"), 5070);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly Dictionary<IPEndPoint, List<SipMessage>> _seen = [];
    private readonly Dictionary<IPEndPoint, List<SipMessage>> _pending = [];

    public SipEdgeTestBed()
    {
        Clock = TestClock.Create();
        Network = new InMemorySipNetwork();
        Endpoint = new SipEndpoint(new SipEndpointOptions(), Clock);
        Endpoint.AddTransport(Network.CreateTransport(ServerAddress));
        Phone = Network.CreateTransport(PhoneAddress);
        SecondPhone = Network.CreateTransport(SecondPhoneAddress);
        var credentials = new InMemoryDigestCredentialSource().Add("alice", "example.com", "secret").Add("bob", "example.com", "bobsecret");
        Authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions { Secret = new byte[32] }, credentials, Clock);
        Location = new InMemoryLocationService(Clock);
        Alice = new MappingIdentity
        {
            SipUri = "sip:alice@example.com",
            User = "alice",
            Domain = "example.com",
            ConnectyCubeUserId = 1001,
            Ha1Md5 = "x",
        };
        Mappings.ByUser["alice"] = Alice;
        Mappings.ByUser["bob"] = new MappingIdentity { SipUri = "sip:bob@example.com", User = "bob", Domain = "example.com", ConnectyCubeUserId = 1002 };
        Legs = new SipLegFactory(Endpoint, Location, new SipCallOptions { Domain = "sipcube.test" });
        Factory = new TestLegFactory(() => Legs);
        Registry = new CallRegistry(new CallSessionServices
        {
            Router = new FakeRouter(new SipContactLocator(Location), Alice),
            Legs = Factory,
            Events = Events,
            Time = TestClock.Create(),
        });
        new SipCallHandlers(Legs, Registry, Authenticator, Mappings).Map();
        Endpoint.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; }

    public InMemorySipNetwork Network { get; }

    public SipEndpoint Endpoint { get; }

    public InMemoryDatagramTransport Phone { get; }

    public InMemoryDatagramTransport SecondPhone { get; }

    public DigestAuthenticator Authenticator { get; }

    public InMemoryLocationService Location { get; }

    public MappingIdentity Alice { get; }

    public FakeMappings Mappings { get; } = new();

    public RecordingEvents Events { get; } = new();

    public SipLegFactory Legs { get; }

    public TestLegFactory Factory { get; }

    public CallRegistry Registry { get; }

    public Task SendAsync(SipMessage message, InMemoryDatagramTransport? from = null) =>
        (from ?? Phone).SendRawAsync(ServerAddress, SipMessageWriter.ToArray(message)).AsTask();

    public Task SendAsync(string text, InMemoryDatagramTransport? from = null) =>
        (from ?? Phone).SendRawAsync(ServerAddress, Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal))).AsTask();

    /// <summary>Everything that reached <paramref name="phone"/> and was not yet taken by <see cref="NextAsync"/>.</summary>
    public List<SipMessage> Drain(InMemoryDatagramTransport? phone = null)
    {
        var pending = Pending(phone ?? Phone);
        var list = new List<SipMessage>(pending);
        pending.Clear();
        return list;
    }

    /// <summary>Waits (real time, bounded) until a message matching <paramref name="match"/> reaches the phone and takes
    /// it; messages before it stay pending for later waits.</summary>
    public async Task<SipMessage> NextAsync(Func<SipMessage, bool> match, InMemoryDatagramTransport? phone = null)
    {
        phone ??= Phone;
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var pending = Pending(phone);
            var index = pending.FindIndex(m => match(m));
            if (index >= 0)
            {
                var found = pending[index];
                pending.RemoveAt(index);
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no matching message; seen: " + string.Join(" | ", _seen[phone.LocalEndPoint]));
            }

            await Task.Delay(10);
        }
    }

    public Task<SipMessage> ResponseAsync(int status, InMemoryDatagramTransport? phone = null) => NextAsync(m => m.StatusCode == status, phone);

    public Task<SipMessage> RequestAsync(string method, InMemoryDatagramTransport? phone = null) => NextAsync(m => m.Method == method, phone);

    public async Task<Termination> EndedAsync()
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!Events.Ended.TryPeek(out _))
        {
            Assert.True(DateTime.UtcNow < deadline, "the call never ended");
            await Task.Delay(10);
        }

        Events.Ended.TryDequeue(out var termination);
        return termination!;
    }

    public async Task<FakeAppLeg> AppLegAsync()
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!Factory.AppLegs.TryPeek(out _))
        {
            Assert.True(DateTime.UtcNow < deadline, "no app leg was created");
            await Task.Delay(10);
        }

        return Factory.AppLegs.First();
    }

    /// <summary>Registers a contact for alice on <paramref name="phone"/> (straight into the location service).</summary>
    public void Register(InMemoryDatagramTransport phone, string contact) =>
        Location.Upsert(new ContactBinding("sip:alice@example.com", contact, contact, new SipFlow("UDP", ServerAddress, phone.LocalEndPoint),
            "reg-" + contact, 1, Clock.GetUtcNow().AddHours(1), "test-phone"));

    private List<SipMessage> Pending(InMemoryDatagramTransport phone)
    {
        if (!_seen.TryGetValue(phone.LocalEndPoint, out var history))
        {
            _seen[phone.LocalEndPoint] = history = [];
            _pending[phone.LocalEndPoint] = [];
        }

        var pending = _pending[phone.LocalEndPoint];
        while (phone.Inbox.TryDequeue(out var bytes))
        {
            var result = SipMessageParser.ParseDatagram(bytes);
            Assert.True(result.Status == SipParseStatus.Complete, Encoding.UTF8.GetString(bytes));
            history.Add(result.Message!);
            pending.Add(result.Message!);
        }

        return pending;
    }

    public ValueTask DisposeAsync()
    {
        Location.Dispose();
        return Endpoint.DisposeAsync();
    }
}
