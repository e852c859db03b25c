using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Sip.Tests;

/// <summary>An endpoint with a registrar on an in-memory network, a fake clock, and a raw "phone" transport.</summary>
internal sealed class SipTestBed : IAsyncDisposable
{
    public static readonly IPEndPoint ServerAddress = new(IPAddress.Parse("10.0.0.1"), 5060);
    public static readonly IPEndPoint PhoneAddress = new(IPAddress.Parse("10.0.0.2"), 5070);

    public SipTestBed(DigestAuthenticatorOptions? authOptions = null)
    {
        Clock = TestClock.Create();
        Network = new InMemorySipNetwork();
        Endpoint = new SipEndpoint(new SipEndpointOptions(), Clock);
        Endpoint.AddTransport(Network.CreateTransport(ServerAddress));
        Phone = Network.CreateTransport(PhoneAddress);
        Credentials = new InMemoryDigestCredentialSource().Add("alice", "example.com", "secret");
        Authenticator = new DigestAuthenticator(authOptions ?? new DigestAuthenticatorOptions { Secret = new byte[32] }, Credentials, Clock);
        Location = new InMemoryLocationService(Clock);
        Registrar = new SipRegistrar(new RegistrarOptions(), Authenticator, Location, Clock, Endpoint.Metrics);
        Endpoint.MapMethod(SipMethods.Register, Registrar);
        Endpoint.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; }

    public InMemorySipNetwork Network { get; }

    public SipEndpoint Endpoint { get; }

    public InMemoryDatagramTransport Phone { get; }

    public InMemoryDigestCredentialSource Credentials { get; }

    public DigestAuthenticator Authenticator { get; }

    public InMemoryLocationService Location { get; }

    public SipRegistrar Registrar { get; }

    public async Task SendAsync(string text) => await Phone.SendRawAsync(ServerAddress, TestMessages.ToCrlf(text));

    public async Task SendAsync(SipMessage message) => await Phone.SendRawAsync(ServerAddress, SipMessageWriter.ToArray(message));

    public List<SipMessage> Received()
    {
        var list = new List<SipMessage>();
        while (Phone.Inbox.TryDequeue(out var bytes))
        {
            var result = SipMessageParser.ParseDatagram(bytes);
            Assert.True(result.Status == SipParseStatus.Complete, result + "\n" + Encoding.UTF8.GetString(bytes));
            list.Add(result.Message!);
        }

        return list;
    }

    public SipMessage Single()
    {
        var received = Received();
        Assert.True(received.Count == 1, $"expected one message, got {received.Count}: {string.Join(" | ", received)}");
        return received[0];
    }

    public static string Register(string user = "alice", int cseq = 1, string contact = "<sip:alice@10.0.0.2:5070>", string? extra = null,
        string callId = "reg-call-1", string branch = "z9hG4bKreg") => $"""
        REGISTER sip:example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch={branch}{cseq};rport
        Max-Forwards: 70
        From: <sip:{user}@example.com>;tag=ph1
        To: <sip:{user}@example.com>
        Call-ID: {callId}
        CSeq: {cseq} REGISTER
        Contact: {contact}
        {extra ?? "Expires: 3600"}
        Content-Length: 0


        """;

    public ValueTask DisposeAsync()
    {
        Location.Dispose();
        return Endpoint.DisposeAsync();
    }
}
