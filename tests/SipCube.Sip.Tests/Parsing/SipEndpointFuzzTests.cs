using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using Xunit.Abstractions;

namespace SipCube.Sip.Tests.Parsing;

/// <summary>
/// Mutation fuzzing of the whole receive path, not only the parser: every mutant that parses goes through the
/// endpoint (Via stamping, transaction key, UAS checks) into the registrar and the digest check, every one that
/// does not goes to the bad-message path. Nothing may throw, and no mutant may make a handler fail (a 500).
/// </summary>
public class SipEndpointFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 12_000;

    [Fact]
    public async Task Mutated_requests_through_endpoint_and_registrar_never_throw_or_fail_a_handler()
    {
        var transport = new CountingTransport();
        var failures = new FailureLog();
        await using var endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1" }, loggerFactory: failures);
        endpoint.AddTransport(transport);
        using var location = new InMemoryLocationService(TimeProvider.System);
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions
        {
            Secret = RandomNumberGenerator.GetBytes(32),
            Algorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256],
        }, new InMemoryDigestCredentialSource().Add("alice", "test.local", "secret"), TimeProvider.System);
        endpoint.MapMethod(SipMethods.Register, new SipRegistrar(new RegistrarOptions(), authenticator, location, TimeProvider.System, endpoint.Metrics));
        await endpoint.StartAsync(CancellationToken.None);
        var seeds = Seeds(authenticator.CreateNonce("test.local"));
        var flow = new SipFlow("UDP", new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Loopback, 5070));
        var random = new Random(3261);
        int crashes = 0, complete = 0, rejected = 0;
        var firstCrash = string.Empty;
        for (var i = 0; i < Iterations; i++)
        {
            var seed = seeds[random.Next(seeds.Count)].Replace("branch=z9hG4bK", string.Create(CultureInfo.InvariantCulture, $"branch=z9hG4bK{i}-"), StringComparison.Ordinal);
            var mutant = SipParserFuzzTests.Mutate(Encoding.ASCII.GetBytes(seed), random);
            try
            {
                var result = SipMessageParser.ParseDatagram(mutant);
                if (result.Status == SipParseStatus.Complete)
                {
                    complete++;
                    await endpoint.OnMessageAsync(flow, result.Message!);
                }
                else
                {
                    rejected++;
                    await endpoint.OnBadMessageAsync(flow, result);
                }
            }
#pragma warning disable CA1031 // the point of the test is to catch anything
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (crashes++ == 0)
                {
                    firstCrash = ex + "\n" + Convert.ToBase64String(mutant);
                }
            }
        }

        output.WriteLine($"endpoint fuzz: {seeds.Count} seeds, {Iterations} mutants, {complete} parsed and handled, {rejected} rejected, " +
            $"{transport.Sent} responses sent, {transport.ServerErrors} handler failures (500), {crashes} crashes");
        Assert.True(crashes == 0, firstCrash);
        Assert.True(transport.ServerErrors == 0, transport.FirstServerError + "\n" + failures.First);
        Assert.True(transport.Sent > Iterations / 4, $"only {transport.Sent} responses: the mutants hardly reached the endpoint");
    }

    // REGISTER with and without credentials (a fresh valid nonce, so digest checking runs on the mutants), OPTIONS,
    // an INVITE with a body and an unknown method. Each mutant gets its own branch, so it starts a new transaction
    // instead of being absorbed as a retransmission.
    private static List<string> Seeds(string nonce)
    {
        var register = Encoding.ASCII.GetString(TestMessages.ToCrlf(TestMessages.Register))
            .Replace("Bob <sip:bob@example.com>", "<sip:alice@test.local>", StringComparison.Ordinal)
            .Replace("sip:example.com", "sip:test.local", StringComparison.Ordinal);
        var authorized = register.Replace("CSeq:", string.Create(CultureInfo.InvariantCulture,
            $"Authorization: Digest username=\"alice\", realm=\"test.local\", nonce=\"{nonce}\", uri=\"sip:test.local\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001\r\nCSeq:"), StringComparison.Ordinal);
        return
        [
            register,
            authorized,
            Encoding.ASCII.GetString(TestMessages.ToCrlf(TestMessages.InviteWithBody)),
            "OPTIONS sip:test.local SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-fz-o;rport\r\nFrom: <sip:m@test.local>;tag=1\r\nTo: <sip:test.local>\r\n" +
                "Call-ID: fz-o\r\nCSeq: 1 OPTIONS\r\nRequire: foo\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
            "PUBLISH sip:alice@test.local SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-fz-p\r\nFrom: <sip:alice@test.local>;tag=2\r\n" +
                "To: <sip:alice@test.local>\r\nCall-ID: fz-p\r\nCSeq: 7 PUBLISH\r\nContent-Length: 0\r\n\r\n",
        ];
    }

    // Keeps the first exception a handler failed with (the endpoint logs it and answers 500).
    private sealed class FailureLog : ILoggerFactory, ILogger
    {
        public string First { get; private set; } = string.Empty;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && First.Length == 0)
            {
                First = exception.ToString();
            }
        }

        public void Dispose()
        {
        }
    }

    private sealed class CountingTransport : ISipTransport
    {
        public int Sent { get; private set; }

        public int ServerErrors { get; private set; }

        public string FirstServerError { get; private set; } = string.Empty;

        public string Name => "UDP";

        public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 5060);

        public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            Sent++;
            if (data.Span.StartsWith("SIP/2.0 500"u8))
            {
                if (ServerErrors++ == 0)
                {
                    FirstServerError = Encoding.UTF8.GetString(data.Span);
                }
            }

            return ValueTask.FromResult(true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
