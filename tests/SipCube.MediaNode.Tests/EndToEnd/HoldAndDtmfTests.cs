using System.Globalization;
using System.Text.Json;
using SipCube.Testing;
using SipCube.Testing.Browser;
using SipCube.Testing.Phones;
using Xunit.Abstractions;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// Issue 7 end to end with real peers only: hold and resume by re-INVITE from the phone, DTMF both ways (RFC 4733 from the
/// app's RTCDTMFSender to baresip; SIP INFO and RFC 4733 from SIPp to the app, proven by the node's own counters, as a
/// browser cannot observe received DTMF). The app leg is never re-signalled.
/// </summary>
[Trait("Category", "Interop")]
[Collection(EndToEndCollection.Name)]
public sealed class HoldAndDtmfTests(BridgeNode bridge, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [SkippableFact]
    public async Task Phone_holds_the_app_hears_nothing_new_and_after_resume_hears_the_tone_again()
    {
        var since = await bridge.PrepareCallAsync("3001");
        var log = bridge.Node.Output.Length;
        await using var phone = SippPhone.Start(bridge.SippCaller("3001", SippScenario.UacCallHold, Bound, ("talk_ms", "4000"), ("hold_ms", "4000")));

        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.AnswerAsync();
        await bridge.App.WaitForEventAsync("connected", Bound);
        // The browser's first audible output can lag its first packets on a busy machine: listen in short windows
        // until the tone is heard, inside the phone's talk period.
        var talking = await HearToneAsync(TimeSpan.FromSeconds(3.5));

        await WaitForNodeLogAsync(bridge, log, "re-INVITE answered 200", 1);
        await Task.Delay(300); // packets already in flight when the phone paused still arrive
        var heldFrom = (await bridge.App.GetStatsAsync()).PacketsReceived;
        var held = await bridge.App.MeasureRemoteToneAsync(1500);
        var heldTo = (await bridge.App.GetStatsAsync()).PacketsReceived;

        await WaitForNodeLogAsync(bridge, log, "re-INVITE answered 200", 2);
        var resumed = await HearToneAsync(TimeSpan.FromSeconds(3.5));
        var resumedTo = (await bridge.App.GetStatsAsync()).PacketsReceived;
        await AssertSucceededAsync(phone);

        output.WriteLine($"talking {talking}; held {held}, packets {heldFrom}->{heldTo}; resumed {resumed}, packets ->{resumedTo}");
        output.WriteLine(string.Join("\n", ReinviteLines(bridge, log)));
        Assert.True(talking.IsNear(1000), $"browser heard {talking} before hold");
        // While held the node forwards nothing: the packet count is the proof. The tone heard in that window is only
        // logged, since a loaded browser may still be playing out audio that arrived before the hold.
        Assert.True(heldTo - heldFrom < 25, $"{heldTo - heldFrom} packets reached the app in 1.5 s of hold (heard {held})");
        Assert.True(resumed.IsNear(1000), $"browser heard {resumed} after resume");
        Assert.True(resumedTo - heldTo > 25, $"only {resumedTo - heldTo} packets after resume");
        Assert.Equal("normal_clearing", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("3001", since, Bound)));
    }

    [SkippableFact]
    public async Task App_sends_dtmf_and_the_phone_receives_rfc4733_digits()
    {
        InteropPeer.Require("baresip");
        await bridge.PrepareCallAsync("3002");
        var relayedBefore = await ScrapeAsync(bridge, MediaDtmfMetric, "direction=\"app_to_phone\"");
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions
        {
            User = "3002",
            Domain = "127.0.0.1",
            Password = BridgeNode.PhonePassword,
            Registrar = bridge.Registrar,
            AudioCodecs = [BaresipCodecs.Pcmu],
            ToneHz = 1000,
        });
        await phone.WaitForRegisteredAsync(Bound);

        await phone.DialAsync("sip:app@127.0.0.1");
        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.AnswerAsync();
        await phone.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        await bridge.App.WaitForEventAsync("connected", Bound);
        var sent = await bridge.App.SendDtmfAsync("123#", 200);
        output.WriteLine("RTCDTMFSender: " + sent);
        Assert.True(sent.GetProperty("sent").GetBoolean(), sent.ToString());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (phone.Events.Count(e => e.Type == BaresipEventTypes.CallDtmfEnd) < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var relayed = await ScrapeAsync(bridge, MediaDtmfMetric, "direction=\"app_to_phone\"") - relayedBefore;
        output.WriteLine($"app -> phone DTMF events relayed by the node: {relayed}");
        await phone.HangUpAsync();
        await bridge.App.WaitForEventAsync("ended", Bound);

        Assert.Equal(["1", "2", "3", "#"], phone.Events.Where(e => e.Type == BaresipEventTypes.CallDtmfStart).Select(e => e.Param));
    }

    [SkippableFact]
    public async Task Phone_sends_sip_info_digits_and_the_node_relays_them_to_the_app_as_rfc4733()
    {
        var since = await bridge.PrepareCallAsync("3003");
        var infoBefore = await ScrapeAsync(bridge, "sipcube_sip_calls_dtmf_info", "outcome=\"digit\"");
        var eventsBefore = await ScrapeAsync(bridge, MediaDtmfMetric, PhoneToApp, "source=\"info\"");
        await using var phone = SippPhone.Start(bridge.SippCaller("3003", SippScenario.UacCallInfoDtmf, Bound, ("talk_ms", "2000")) with
        {
            Keys = new Dictionary<string, string> { ["info1"] = "4", ["info2"] = "*", ["info3"] = "9" },
        });

        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.AnswerAsync();
        await bridge.App.WaitForEventAsync("connected", Bound);
        await AssertSucceededAsync(phone);
        await bridge.WaitForCdrAsync("3003", since, Bound);

        var info = await ScrapeAsync(bridge, "sipcube_sip_calls_dtmf_info", "outcome=\"digit\"") - infoBefore;
        var events = await ScrapeAsync(bridge, MediaDtmfMetric, PhoneToApp, "source=\"info\"") - eventsBefore;
        output.WriteLine($"INFO digits {info}, media DTMF events toward the app {events}");
        Assert.Equal(3, info);
        Assert.True(events >= 3, $"{events} DTMF events toward the app; /metrics:\n{await MetricsTextAsync(bridge, MediaDtmfMetric)}");
    }

    [SkippableFact]
    public async Task Phone_sends_rfc4733_digits_in_rtp_and_the_node_relays_them_to_the_app()
    {
        var since = await bridge.PrepareCallAsync("3004");
        var eventsBefore = await ScrapeAsync(bridge, MediaDtmfMetric, PhoneToApp, "source=\"rfc4733\"");
        await using var phone = SippPhone.Start(bridge.SippCaller("3004", SippScenario.UacCallPcap, Bound, ("talk_ms", "5000")) with
        {
            DtmfDigits = "159",
            DtmfStartSeconds = 1.5,
            PcapSeconds = 5,
        });

        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.AnswerAsync();
        await bridge.App.WaitForEventAsync("connected", Bound);
        var heard = await bridge.App.MeasureRemoteToneAsync(1000);
        await AssertSucceededAsync(phone);
        await bridge.WaitForCdrAsync("3004", since, Bound);

        var events = await ScrapeAsync(bridge, MediaDtmfMetric, PhoneToApp, "source=\"rfc4733\"") - eventsBefore;
        output.WriteLine($"browser heard {heard}; media DTMF events {events}");
        Assert.True(events >= 3, $"{events} DTMF events; /metrics:\n{await MetricsTextAsync(bridge, MediaDtmfMetric)}");
    }

    /// <summary>The media bridge's DTMF counter (<c>sipcube.media.dtmf.events</c>, by direction and source) as Prometheus
    /// names it.</summary>
    internal const string MediaDtmfMetric = "sipcube_media_dtmf_events";

    private const string PhoneToApp = "direction=\"phone_to_app\"";

    /// <summary>Sums every sample of the Prometheus metric family <paramref name="family"/> at the node's /metrics whose
    /// labels contain each of <paramref name="labels"/> (e.g. <c>source="info"</c>); 0 when the family is absent.</summary>
    internal static async Task<double> ScrapeAsync(BridgeNode bridge, string family, params string[] labels)
    {
        var total = 0.0;
        foreach (var line in (await MetricsTextAsync(bridge, family)).Split('\n'))
        {
            if (!line.StartsWith(family, StringComparison.Ordinal) || line.Length == family.Length
                || !(line[family.Length] is '{' or ' ' || line.AsSpan(family.Length).StartsWith("_total"))
                || labels.Any(label => !line.Contains(label, StringComparison.Ordinal)))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var close = line.LastIndexOf('}');
            var rest = close >= 0 ? line[(close + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
            var value = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            total += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return total;
    }

    /// <summary>The lines of /metrics about <paramref name="family"/>.</summary>
    internal static async Task<string> MetricsTextAsync(BridgeNode bridge, string family)
    {
        var text = await bridge.Node.Api.GetStringAsync(new Uri("metrics", UriKind.Relative));
        return string.Join("\n", text.Split('\n').Where(l => l.Contains(family, StringComparison.Ordinal)));
    }

    /// <summary>Waits until the node logged <paramref name="fragment"/> at least <paramref name="count"/> times after
    /// output offset <paramref name="from"/>.</summary>
    internal static async Task WaitForNodeLogAsync(BridgeNode bridge, int from, string fragment, int count)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (Occurrences(bridge.Node.Output[from..], fragment) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{fragment}' not logged {count} times:\n{bridge.Node.Output[from..]}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The node's "re-INVITE answered" lines (with the time it took) after output offset <paramref name="from"/>.</summary>
    internal static IEnumerable<string> ReinviteLines(BridgeNode bridge, int from) =>
        bridge.Node.Output[from..].Split('\n').Where(l => l.Contains("re-INVITE answered", StringComparison.Ordinal)).Select(l => l.Trim());

    private static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task AssertSucceededAsync(SippPhone phone)
    {
        var result = await phone.WaitForExitAsync(Bound);
        Assert.True(result.Succeeded, result.ToString());
    }

    private async Task<RemoteTone> HearToneAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        RemoteTone heard;
        do
        {
            heard = await bridge.App.MeasureRemoteToneAsync(700);
        }
        while (!heard.IsNear(1000) && DateTime.UtcNow < deadline);
        return heard;
    }
}
