using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transactions;
using SipCube.Sip.Transport;

namespace SipCube.Benchmarks.Sip;

/// <summary>
/// The whole REGISTER-with-digest exchange of one phone, in process, as the UDP transport drives it: parse the
/// datagram -> transaction lookup/create -> registrar -> digest (nonce check, HA1 from the store, MD5) -> location
/// update -> 200 serialize -> send (to a transport that only keeps the bytes). One operation = REGISTER -> 401 ->
/// REGISTER with credentials -> 200, i.e. what SIPp's register scenario does per call, plus the client-side MD5
/// the benchmark must compute itself (about 1 us).
/// </summary>
/// <remarks>RFC 3261 §10.3 and §17.2.2, RFC 8760. Timers use a 1 ms T1 so finished transactions leave the table quickly.</remarks>
[MemoryDiagnoser]
public class RegisterPathBenchmark
{
    private const string Template =
        "REGISTER sip:127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-00000000;rport\r\n" +
        "From: <sip:u0@test.local>;tag=1234SIPpTag001\r\n" +
        "To: <sip:u0@test.local>\r\n" +
        "Call-ID: 1-1234@127.0.0.1\r\n" +
        "CSeq: {0} REGISTER\r\n" +
        "Contact: <sip:u0@127.0.0.1:5070;transport=UDP>\r\n" +
        "{1}" +
        "Expires: 3600\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n";

    private readonly SipFlow _flow = new("UDP", new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Loopback, 5070));
    private readonly string _ha1 = Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes("u0:test.local:secret")));
    private SipEndpoint _endpoint = null!;
    private LastDatagramTransport _transport = null!;
    private InMemoryLocationService _location = null!;
    private byte[] _first = null!;
    private int _branch;
    private int _cseq;

    /// <summary>Builds the endpoint with the registrar, as the node composes it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _transport = new LastDatagramTransport();
        _endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1", Timers = new SipTimerSettings { T1 = TimeSpan.FromMilliseconds(1) } });
        _endpoint.AddTransport(_transport);
        _location = new InMemoryLocationService(TimeProvider.System);
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions
        {
            Secret = RandomNumberGenerator.GetBytes(32),
            Algorithms = [DigestAlgorithm.Md5],
        }, new InMemoryDigestCredentialSource().Add("u0", "test.local", "secret"), TimeProvider.System);
        _endpoint.MapMethod(SipMethods.Register, new SipRegistrar(new RegistrarOptions(), authenticator, _location, TimeProvider.System, _endpoint.Metrics));
        _endpoint.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _first = Encoding.ASCII.GetBytes(string.Format(CultureInfo.InvariantCulture, Template, 1, string.Empty));
    }

    /// <summary>Stops the endpoint.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _endpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _location.Dispose();
    }

    /// <summary>REGISTER -> 401 -> REGISTER with digest -> 200.</summary>
    [Benchmark]
    public int RegisterWithDigest()
    {
        Receive(_first);
        var challenge = _transport.Last.AsSpan();
        var at = challenge.IndexOf("nonce=\""u8) + 7;
        var nonce = Encoding.ASCII.GetString(challenge.Slice(at, challenge[at..].IndexOf((byte)'"')));
        var ha2 = Convert.ToHexStringLower(MD5.HashData("REGISTER:sip:127.0.0.1:5060"u8));
        var response = Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes($"{_ha1}:{nonce}:00000001:0a4f113b:auth:{ha2}")));
        var authorization = $"Authorization: Digest username=\"u0\", realm=\"test.local\", uri=\"sip:127.0.0.1:5060\", nonce=\"{nonce}\", " +
            $"response=\"{response}\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\n";
        var second = Encoding.ASCII.GetBytes(string.Format(CultureInfo.InvariantCulture, Template, ++_cseq + 1, authorization));
        Receive(second);
        return _transport.Last[8] == (byte)'2' ? 200 : throw new InvalidOperationException(Encoding.ASCII.GetString(_transport.Last));
    }

    private void Receive(byte[] datagram)
    {
        // A fresh branch per request, as SIPp sends: each REGISTER is a new transaction.
        var branch = datagram.AsSpan().IndexOf("z9hG4bK-"u8) + 8;
        (++_branch).TryFormat(datagram.AsSpan(branch, 8), out _, "x8", CultureInfo.InvariantCulture);
        var parsed = SipMessageParser.ParseDatagram(datagram);
        var pending = _endpoint.OnMessageAsync(_flow, parsed.Message!);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed class LastDatagramTransport : ISipTransport
    {
        public byte[] Last { get; private set; } = [];

        public string Name => "UDP";

        public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 5060);

        public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            // The endpoint hands over whole arrays; keeping the reference adds no allocation of the benchmark's own.
            Last = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array : data.ToArray();
            return ValueTask.FromResult(true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
