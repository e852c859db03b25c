using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SipCube.Testing;

namespace SipCube.Sip.Tests.Interop;

/// <summary>baresip 1.0 registering, re-registering and unregistering against the real endpoint.</summary>
[Trait("Category", "Interop")]
public class BaresipInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [SkippableTheory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Baresip_registers_reregisters_and_unregisters(string transport)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("baresip");
        // baresip 1.0 (libre) answers a challenge set that includes SHA-256 with ENOSYS ("Register: Function not
        // implemented") instead of skipping the unknown algorithm (RFC 8760 §2.4), so it needs an MD5-only realm;
        // see Baresip_1_0_cannot_register_when_sha256_is_also_offered.
        await using var server = await SipServerUnderTest.StartAsync([Auth.DigestAlgorithm.Md5]);
        var dir = Directory.CreateTempSubdirectory("baresip-");
        try
        {
            var ctrlPort = FreePort.Tcp();
            WriteConfig(dir.FullName, server.Port, ctrlPort, transport);
            await using var baresip = PeerProcess.Start("baresip", ["-f", dir.FullName]);
            const string aor = "sip:alice@test.local";

            IReadOnlyList<Sip.Registrar.ContactBinding> first;
            try
            {
                first = await server.WaitForContactsAsync(aor, c => c.Count == 1, Bound);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException(ex.Message + "\nbaresip:\n" + baresip.Output, ex);
            }

            Assert.Equal(transport.ToUpperInvariant(), first[0].Flow.Transport);
            await baresip.WaitForOutputAsync("200 OK", Bound);

            // regint=10 (the test registrar's Min-Expires): libre refreshes at about 90 % of the granted expiry.
            var refreshed = await server.WaitForContactsAsync(aor, c => c.Count == 1 && c[0].CSeq > first[0].CSeq, Bound);
            Assert.Equal(first[0].Contact, refreshed[0].Contact);

            await SendCommandAsync(ctrlPort, "quit", string.Empty);
            await server.WaitForContactsAsync(aor, c => c.Count == 0, Bound);
            await baresip.WaitForExitAsync(Bound);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task Baresip_1_0_cannot_register_when_sha256_is_also_offered()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("baresip");
        await using var server = await SipServerUnderTest.StartAsync();
        var dir = Directory.CreateTempSubdirectory("baresip-");
        try
        {
            WriteConfig(dir.FullName, server.Port, FreePort.Tcp(), "udp");
            await using var baresip = PeerProcess.Start("baresip", ["-f", dir.FullName]);
            await baresip.WaitForOutputAsync("Function not implemented", Bound);
            Assert.Empty(server.Location.AllBindings());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void WriteConfig(string dir, int sipPort, int ctrlPort, string transport)
    {
        var local = FreePort.UdpAndTcp();
        File.WriteAllText(Path.Combine(dir, "config"), $"""
            poll_method		epoll
            sip_listen		127.0.0.1:{local}
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
            $"<sip:alice@test.local;transport={transport}>;auth_pass=secret;outbound=\"sip:127.0.0.1:{sipPort};transport={transport}\";regint=10;answermode=manual\n");
    }

    internal static async Task SendCommandAsync(int port, string command, string parameters)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                var json = JsonSerializer.Serialize(new { command, @params = parameters, token = "t1" });
                var payload = Encoding.UTF8.GetBytes(json.Length.ToString(CultureInfo.InvariantCulture) + ":" + json + ",");
                await client.GetStream().WriteAsync(payload);
                var buffer = new byte[4096];
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                _ = await client.GetStream().ReadAsync(buffer, cts.Token);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (IOException) when (command == "quit")
            {
                return;
            }
            catch (OperationCanceledException) when (command == "quit")
            {
                return;
            }
        }
    }
}
