using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SipCube.MediaNode.Bus;
using SipCube.Testing;
using SipCube.Testing.Browser;
using SipCube.Testing.Phones;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// Issue 12 drain, through the real node process: SIGTERM while a phone is talking to an app user (the real
/// <c>connectycube</c> SDK in Chromium on /demo). Each test owns its node (the node exits) and its app user.
/// </summary>
/// <remarks>
/// The stored CDRs are read from the node's own SQLite files after it exited: the control plane's <c>cdrs</c> table holds
/// the drained call and the CDR outbox is empty, which proves the outbox was flushed into the store before the exit (the
/// single box's bus delivers the outbox into the local store).
/// </remarks>
[Trait("Category", "Interop")]
public sealed class DrainTests
{
    private const string PhonePassword = "drain-phone-pw";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);
    private static readonly string Expect503 = RepositoryPaths.TestData(Path.Combine("sipp", "drain", "uac_expect_503_retry_after.xml"));

    [SkippableFact]
    public async Task Live_call_completes_while_draining_new_invite_gets_503_and_the_node_exits_with_its_cdr_stored()
    {
        RequirePeers();
        var deadline = TimeSpan.FromSeconds(25);
        await using var node = await NodeProcess.StartAsync(new Dictionary<string, string>
        {
            ["SipCube:Drain:CallDeadline"] = "00:00:25",
        });
        await using var app = await StartAppAsync(node);
        await AddPhoneAsync(node, "3001");
        await AddPhoneAsync(node, "3002");

        await using var phone = SippPhone.Start(Caller(node, "3001", SippScenario.UacHungUpByRemote));
        await app.WaitForEventAsync("incoming", Bound);
        await app.AnswerAsync();
        await app.WaitForEventAsync("connected", Bound);

        var drainStarted = Stopwatch.StartNew();
        await node.TerminateAsync();
        await WaitForReadyStatusAsync(node, HttpStatusCode.ServiceUnavailable);

        var refused = await SippPhone.RunAsync(Caller(node, "3002", Expect503));
        Assert.True(refused.Succeeded, refused.ToString());
        Assert.False(node.HasExited, "the node exited while a call was live:\n" + node.Output);

        // The live call is still up and carries audio in both directions while the node drains.
        // A loaded browser's audible output can lag its packets: listen in short windows until the tone is heard.
        var heard = await app.MeasureRemoteToneAsync(700);
        for (var attempt = 0; attempt < 4 && !heard.IsNear(1000); attempt++)
        {
            heard = await app.MeasureRemoteToneAsync(700);
        }

        Assert.True(heard.IsNear(1000), $"browser heard {heard} while draining");
        await app.HangUpAsync();

        var talked = await phone.WaitForExitAsync(Bound);
        Assert.True(talked.Succeeded, talked.ToString());
        Assert.Equal(0, await node.WaitForExitAsync(Bound));
        Assert.True(drainStarted.Elapsed < deadline, $"exit took {drainStarted.Elapsed}, the call deadline is {deadline}");
        Assert.Contains("Drain finished: outbox flushed=True", node.Output, StringComparison.Ordinal);

        AssertOutboxEmpty(node);
        var cdrs = StoredCdrs(node);
        var call = Assert.Single(cdrs, c => c.GetProperty("fromSipUri").GetString() == "sip:3001@127.0.0.1");
        Assert.Equal("normal_clearing", call.GetProperty("terminationCause").GetString());
        var refusedCdrs = cdrs.Where(c => c.GetProperty("fromSipUri").GetString() == "sip:3002@127.0.0.1").ToList();
        Assert.All(refusedCdrs, c => Assert.NotEqual("normal_clearing", c.GetProperty("terminationCause").GetString()));
    }

    [SkippableFact]
    public async Task Call_still_up_at_the_deadline_is_ended_with_bye_and_the_node_exits_and_metrics_scrape_before()
    {
        RequirePeers();
        await using var node = await NodeProcess.StartAsync(new Dictionary<string, string>
        {
            ["SipCube:Drain:CallDeadline"] = "00:00:03",
        });
        await using var app = await StartAppAsync(node);
        await AddPhoneAsync(node, "3003");
        await AddPhoneAsync(node, "3004");
        await CompleteCallAndScrapeMetricsAsync(node, app, "3004");

        await using var phone = SippPhone.Start(Caller(node, "3003", SippScenario.UacHungUpByRemote));
        await app.WaitForEventAsync("incoming", Bound);
        await app.AnswerAsync();
        await app.WaitForEventAsync("connected", Bound);

        var drainStarted = Stopwatch.StartNew();
        await node.TerminateAsync();

        // Nobody hangs up: the node's deadline ends the call, the phone gets BYE (its scenario waits for it) and the app
        // sees the call end.
        var ended = await phone.WaitForExitAsync(Bound);
        Assert.True(ended.Succeeded, ended.ToString());
        Assert.True(drainStarted.Elapsed >= TimeSpan.FromSeconds(2.5), $"the call was ended {drainStarted.Elapsed} after SIGTERM, before the deadline");
        await app.WaitForEventAsync("ended", Bound);
        Assert.Equal(0, await node.WaitForExitAsync(Bound));
        Assert.Contains("Drain deadline reached with 1 calls still live", node.Output, StringComparison.Ordinal);

        AssertOutboxEmpty(node);
        var call = Assert.Single(StoredCdrs(node), c => c.GetProperty("fromSipUri").GetString() == "sip:3003@127.0.0.1");
        Assert.Equal("node_shutdown", call.GetProperty("terminationCause").GetString());
    }

    /// <summary>One ordinary call first, then a scrape of the real node's <c>/metrics</c>: Prometheus text holding the
    /// issue's metric set (the instruments that have measurements after one call; transcoding needs a transcoded call
    /// and is covered by the in-memory test).</summary>
    private static async Task CompleteCallAndScrapeMetricsAsync(NodeProcess node, AppUserBrowser app, string user)
    {
        await using (var phone = SippPhone.Start(Caller(node, user, SippScenario.UacCallAuth) with
        {
            Variables = new Dictionary<string, string> { ["talk_ms"] = "1500" },
        }))
        {
            await app.WaitForEventAsync("incoming", Bound);
            await app.AnswerAsync();
            await app.WaitForEventAsync("connected", Bound);
            var talked = await phone.WaitForExitAsync(Bound);
            Assert.True(talked.Succeeded, talked.ToString());
            await app.WaitForEventAsync("ended", Bound);
        }

        await node.WaitForCdrAsync(c => c.GetProperty("fromSipUri").GetString() == $"sip:{user}@127.0.0.1", Bound);
        var text = await node.Api.GetStringAsync("metrics");
        var samples = Bus.PrometheusText.Parse(text);
        string[] expected =
        [
            "sipcube_calls_active", "sipcube_calls_connected", "sipcube_call_setup_duration",
            "sipcube_call_outcomes", "sipcube_sip_messages_received", "sipcube_xmpp_connections", "sipcube_call_jitter",
            "sipcube_call_packet_loss", "sipcube_call_mos", "sipcube_outbox_depth", "sipcube_connectycube_chat_disconnected",
        ];
        var missing = expected.Where(name => !samples.Any(s => s.Name.StartsWith(name, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"missing in /metrics: {string.Join(", ", missing)}\n{text}");
        Assert.Contains(samples, s => s.Name.StartsWith("sipcube_xmpp_connections", StringComparison.Ordinal) && s.Labels.Contains("state=\"connected\"", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name.StartsWith("sipcube_connectycube_chat_disconnected", StringComparison.Ordinal) && s.Value == 0);
    }

    private static void RequirePeers()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        InteropPeer.Require("chromium");
        InteropPeer.Require("node");
    }

    private static async Task<AppUserBrowser> StartAppAsync(NodeProcess node)
    {
        var app = await AppUserBrowser.StartAsync(node.BaseUrl, "drain-app", "app-password", 600);
        using var response = await node.Api.PostAsJsonAsync("api/mappings", new { sipUri = "sip:app@127.0.0.1", connectyCubeUserId = app.UserId, displayName = "App user" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return app;
    }

    private static async Task AddPhoneAsync(NodeProcess node, string user)
    {
        var id = await node.SignUpConnectyCubeUserAsync("phone-" + user, "identity-" + user);
        await node.CreatePhoneMappingAsync(user, PhonePassword, id, "phone-" + user, "identity-" + user, "Phone " + user);
    }

    private static SippPhoneOptions Caller(NodeProcess node, string user, string scenario) => new()
    {
        Scenario = scenario,
        Remote = $"127.0.0.1:{node.SipPort}",
        Service = "app",
        Caller = user,
        Domain = "127.0.0.1",
        AuthUser = user,
        AuthPassword = PhonePassword,
        Timeout = Bound,
    };

    private static async Task WaitForReadyStatusAsync(NodeProcess node, HttpStatusCode expected)
    {
        using var cts = new CancellationTokenSource(Bound);
        var last = HttpStatusCode.OK;
        while (true)
        {
            using (var response = await node.Api.GetAsync("health/ready", cts.Token))
            {
                last = response.StatusCode;
            }

            if (last == expected)
            {
                return;
            }

            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"/health/ready stayed {(int)last}, expected {(int)expected}:\n{node.Output}");
            }
        }
    }

    private static void AssertOutboxEmpty(NodeProcess node)
    {
        using var outbox = new SqliteCdrOutbox(Path.Combine(node.DataDirectory, "outbox.db"));
        Assert.Equal(0, outbox.Depth);
    }

    private static List<JsonElement> StoredCdrs(NodeProcess node)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(node.DataDirectory, "sipcube.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM cdrs";
        using var reader = command.ExecuteReader();
        var cdrs = new List<JsonElement>();
        while (reader.Read())
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            cdrs.Add(document.RootElement.Clone());
        }

        return cdrs;
    }
}
