using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SipCube.Sip.Auth;
using SipCube.Sip.Registrar;
using SipCube.Testing;

namespace SipCube.Sip.Tests.Interop;

/// <summary>
/// SIP over TLS (RFC 3261 §26.2.1, port 5061 in the node) against the real endpoint with a test certificate made here.
/// SIPp 3.6.1 as packaged here has no TLS (its `-t` help lists no `l1` and the binary does not link libssl), so the
/// real peer is baresip 1.0 (libre with OpenSSL): REGISTER with digest over TLS, OPTIONS from the registrar's
/// qualify to baresip over the same TLS connection, and the unregister on exit.
/// </summary>
[Trait("Category", "Interop")]
public class TlsInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task Baresip_registers_over_tls_answers_qualify_options_and_unregisters()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("baresip");
        using var certificate = TestCertificate();
        var dir = Directory.CreateTempSubdirectory("baresip-tls-");
        try
        {
            // PEM files, as a phone would be given them: baresip trusts our certificate through sip_cafile.
            var caFile = Path.Combine(dir.FullName, "ca.pem");
            await File.WriteAllTextAsync(caFile, certificate.ExportCertificatePem());
            await using var server = await SipServerUnderTest.StartAsync([DigestAlgorithm.Md5], certificate);
            var ctrlPort = FreePort.Tcp();
            WriteConfig(dir.FullName, server.TlsPort, ctrlPort, caFile);
            await using var baresip = PeerProcess.Start("baresip", ["-f", dir.FullName]);
            const string aor = "sip:alice@test.local";

            IReadOnlyList<ContactBinding> bindings;
            try
            {
                bindings = await server.WaitForContactsAsync(aor, c => c.Count == 1, Bound);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException(ex.Message + "\nbaresip:\n" + baresip.Output, ex);
            }

            Assert.Equal("TLS", bindings[0].Flow.Transport);
            Assert.Equal(server.TlsPort, bindings[0].Flow.Local.Port);
            await baresip.WaitForOutputAsync("200 OK", Bound);

            // OPTIONS to the phone over its TLS flow (the registrar's qualify): baresip answers, nothing is removed.
            using var qualifier = new ContactQualifier(server.Endpoint, server.Location, TimeSpan.FromHours(1));
            var dead = await qualifier.QualifyAllAsync().WaitAsync(Bound);
            Assert.Equal(0, dead);
            Assert.Single(server.Location.GetContacts(aor));

            await BaresipInteropTests.SendCommandAsync(ctrlPort, "quit", string.Empty);
            await server.WaitForContactsAsync(aor, c => c.Count == 0, Bound);
            await baresip.WaitForExitAsync(Bound);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Options_over_tls_is_answered_with_allow()
    {
        using var certificate = TestCertificate();
        await using var server = await SipServerUnderTest.StartAsync([DigestAlgorithm.Md5], certificate);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.TlsPort).WaitAsync(Bound);
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false,
            (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString());
        await tls.AuthenticateAsClientAsync("test.local").WaitAsync(Bound);
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var options = $"OPTIONS sip:127.0.0.1:{server.TlsPort};transport=tls SIP/2.0\r\n" +
            $"Via: SIP/2.0/TLS 127.0.0.1:{local.Port};branch=z9hG4bK-tls-options;rport\r\n" +
            "From: <sip:monitor@test.local>;tag=tls1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: tls-options-1\r\nCSeq: 1 OPTIONS\r\n" +
            "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(options)).AsTask().WaitAsync(Bound);

        var response = await ReadHeadAsync(tls);
        Assert.StartsWith("SIP/2.0 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains("REGISTER", response.Split("\r\n").Single(l => l.StartsWith("Allow:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("received=127.0.0.1", response, StringComparison.Ordinal);
    }

    // A self-signed server certificate for test.local / 127.0.0.1, made fresh for each test (never a checked-in key).
    private static X509Certificate2 TestCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test.local", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("test.local");
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private static void WriteConfig(string dir, int tlsPort, int ctrlPort, string caFile)
    {
        var local = FreePort.UdpAndTcp();
        File.WriteAllText(Path.Combine(dir, "config"), $"""
            poll_method		epoll
            sip_listen		127.0.0.1:{local}
            sip_cafile		{caFile}
            net_interface		127.0.0.1
            audio_player		alsa,null
            audio_source		alsa,null
            module_path		/usr/lib/baresip/modules
            module			g711.so
            module_tmp		account.so
            module_app		ctrl_tcp.so
            ctrl_tcp_listen		127.0.0.1:{ctrlPort}

            """);
        File.WriteAllText(Path.Combine(dir, "accounts"),
            $"<sip:alice@test.local;transport=tls>;auth_pass=secret;outbound=\"sip:127.0.0.1:{tlsPort};transport=tls\";regint=600;answermode=manual\n");
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(Bound);
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }
}
