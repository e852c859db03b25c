using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SipCube.Calls;
using SipCube.Contracts.Bus;
using SipCube.MediaNode.Observability;
using SipCube.MediaNode.Tests.Hosting;

namespace SipCube.MediaNode.Tests.Observability;

/// <summary>The issue's metric set exists in a booted node, under the names STYLE.md prescribes.</summary>
public sealed class MetricNamesTests
{
    /// <summary>What each name stands for in issue 12's list.</summary>
    private static readonly string[] Expected =
    [
        "sipcube.sip.registrar.bindings", // registrations active
        "sipcube.calls.active", // calls active (SipCube.Calls)
        "sipcube.calls.connected", // answered calls active by direction
        "sipcube.call.setup.duration",
        "sipcube.call.outcomes", // by termination.cause and sip.status_class
        "sipcube.call.duration",
        "sipcube.sip.messages.received", // by method / status
        "sipcube.sip.messages.bad", // by bad-message class
        "sipcube.call.jitter",
        "sipcube.call.packet_loss",
        "sipcube.call.mos",
        "sipcube.outbox.depth",
        "sipcube.xmpp.connections", // XMPP connections by state
        "sipcube.connectycube.chat.disconnected", // the infra alert's gauge
        "sipcube.media.transcoding.sessions", // by codec pair (SipCube.Calls.Media)
        "sipcube.sip.calls.inbound_invites", // INVITE admission incl. 503 while draining
    ];

    [Fact]
    public async Task Booted_node_publishes_the_issue_metric_set()
    {
        using var node = new NodeFactory();
        using var client = node.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        // Instruments are created with their owners: resolve the ones that start lazily.
        _ = node.Services.GetRequiredService<CallsMetrics>();
        _ = node.Services.GetRequiredService<CallQualityMetrics>();
        _ = node.Services.GetRequiredService<ICdrPublisher>();
        _ = node.Services.GetRequiredService<SipCube.ConnectyCube.ConnectyCubeChatMetrics>();
        _ = node.Services.GetRequiredService<SipCube.Calls.Media.MediaBridgeFactory>();
        _ = node.Services.GetRequiredService<SipCube.Calls.Sip.SipLegFactory>();

        var published = new ConcurrentDictionary<string, Instrument>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope is IMeterFactory && instrument.Meter.Name.StartsWith("SipCube.", StringComparison.Ordinal))
                {
                    published.TryAdd(instrument.Name, instrument);
                }
            },
        };
        listener.Start();

        var missing = Expected.Where(name => !published.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"missing: {string.Join(", ", missing)}; published: {string.Join(", ", published.Keys.Order(StringComparer.Ordinal))}");
    }
}
