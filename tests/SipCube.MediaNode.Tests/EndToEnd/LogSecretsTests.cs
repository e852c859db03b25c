using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SipCube.ServiceBusBroker;
using SipCube.Testing;
using SipCube.Testing.Phones;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// Issue 12: passwords, HA1 hashes, <c>Authorization</c> values, ConnectyCube tokens and the Service Bus SAS key never
/// reach the log, checked on everything the real node process prints at Debug level while it takes a digest REGISTER
/// (right and wrong password), logs the phone's ConnectyCube identity in, creates mappings with passwords, mints a
/// token and talks to Service Bus (the test broker) with a SAS key.
/// </summary>
[Trait("Category", "Interop")]
public sealed class LogSecretsTests
{
    private const string SipPassword = "SipPw-4001-Xy7q";
    private const string WrongPassword = "Wrong-4001-Kw2m";
    private const string ConnectyCubePassword = "CcPw-4001-Zq9t";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Debug_logs_of_the_node_hold_no_secret()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        using var broker = new ServiceBusTestBroker(FreePort.Tcp());
        broker.AddQueue("cdr");
        broker.AddTopic("control", ["node1"]);
        broker.Start();
        string token;
        List<string> authorizations;
        int identityId;
        await using (var node = await NodeProcess.StartAsync(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["SipCube:Bus:ServiceBus:ConnectionString"] = broker.ConnectionString,
            ["SipCube:Bus:ServiceBus:NodeId"] = "node1",
        }))
        {
            identityId = await node.SignUpConnectyCubeUserAsync("phone-4001", ConnectyCubePassword);
            await node.CreatePhoneMappingAsync("4001", SipPassword, identityId, "phone-4001", ConnectyCubePassword, "Phone 4001");

            var registrar = $"127.0.0.1:{node.SipPort}";
            var wrong = await SippPhone.RegisterAsync(registrar, "4001", WrongPassword, FreePort.UdpAndTcp(), "127.0.0.1");
            Assert.False(wrong.Succeeded, "a wrong password registered:\n" + wrong);
            var right = await SippPhone.RegisterAsync(registrar, "4001", SipPassword, FreePort.UdpAndTcp(), "127.0.0.1");
            Assert.True(right.Succeeded, right.ToString());
            authorizations = DigestResponses(wrong.MessageLog + right.MessageLog);
            Assert.NotEmpty(authorizations);
            await WaitForLogAsync(node, "ConnectyCube identity of sip:4001@127.0.0.1 logged in");

            using var minted = await node.Api.PostAsJsonAsync("api/tokens", new { sipUri = "sip:4001@127.0.0.1" });
            var body = await minted.Content.ReadAsStringAsync();
            Assert.True(minted.IsSuccessStatusCode, body);
            using (var json = JsonDocument.Parse(body))
            {
                token = json.RootElement.GetProperty("token").GetString()!;
            }

            await node.TerminateAsync();
            Assert.Equal(0, await node.WaitForExitAsync(Bound));
            AssertNoSecret(node.Output, Secrets(identityId, token, broker.Key, authorizations));
        }
    }

    private static Dictionary<string, string> Secrets(int identityId, string token, string sasKey, List<string> authorizations)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SIP password"] = SipPassword,
            ["wrong SIP password"] = WrongPassword,
            ["ConnectyCube password"] = ConnectyCubePassword,
            ["HA1 MD5"] = Hex(MD5.HashData(Encoding.UTF8.GetBytes($"4001:127.0.0.1:{SipPassword}"))),
            ["HA1 SHA-256"] = Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"4001:127.0.0.1:{SipPassword}"))),
            ["ConnectyCube token"] = token,
            ["SAS key"] = sasKey,
            ["XMPP PLAIN blob"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{identityId}-1\0{ConnectyCubePassword}")),
        };
        for (var i = 0; i < authorizations.Count; i++)
        {
            secrets["digest response " + i] = authorizations[i];
        }

        return secrets;
    }

    private static void AssertNoSecret(string output, Dictionary<string, string> secrets)
    {
        // Debug level must really be on, or the check proves nothing.
        Assert.Contains("dbug:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Digest username=", output, StringComparison.OrdinalIgnoreCase);
        foreach (var (what, secret) in secrets)
        {
            Assert.False(output.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{what} appears in the node's log:\n{output}");
        }
    }

    /// <summary>The digest <c>response</c> values SIPp sent in its Authorization headers.</summary>
    private static List<string> DigestResponses(string sippMessages)
    {
        var found = new List<string>();
        foreach (var line in sippMessages.Split('\n'))
        {
            var at = line.IndexOf("response=\"", StringComparison.OrdinalIgnoreCase);
            if (line.TrimStart().StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase) && at >= 0)
            {
                var start = at + "response=\"".Length;
                var end = line.IndexOf('"', start);
                if (end > start)
                {
                    found.Add(line[start..end]);
                }
            }
        }

        return found;
    }

    private static async Task WaitForLogAsync(NodeProcess node, string line)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!node.Output.Contains(line, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{line}' not logged:\n{node.Output}");
            }

            await Task.Delay(100);
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
