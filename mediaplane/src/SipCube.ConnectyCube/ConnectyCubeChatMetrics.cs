using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SipCube.Xmpp.Session;

namespace SipCube.ConnectyCube;

/// <summary>
/// Meters of the ConnectyCube client library (one instance per process, from <see cref="IMeterFactory"/>). Set it on
/// <see cref="ConnectyCubeChatOptions.Metrics"/> and every <see cref="ConnectyCubeChatIdentity"/> started with those
/// options counts its chat connection (<c>sipcube.xmpp.connections</c> by state) and is watched by
/// <c>sipcube.connectycube.chat.disconnected</c>.
/// </summary>
/// <remarks>
/// <c>sipcube.connectycube.chat.disconnected</c> is a gauge: 1 while an identity this process keeps logged in has no
/// bound chat session (it is reconnecting), or while the host's reachability probe of the chat endpoint fails; else 0.
/// The infra alert takes its minimum over 10 minutes, so the client's own reconnects never page anyone.
/// </remarks>
public sealed class ConnectyCubeChatMetrics
{
    /// <summary>Meter name.</summary>
    public const string MeterName = "SipCube.ConnectyCube";

    private readonly ConcurrentDictionary<XmppClient, byte> _identities = new();
    private volatile bool _unreachable;

    /// <summary>Creates the instruments; <paramref name="xmpp"/> is the process's XMPP meters (created here when null).</summary>
    public ConnectyCubeChatMetrics(IMeterFactory meterFactory, XmppMetrics? xmpp = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Xmpp = xmpp ?? new XmppMetrics(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "sipcube.connectycube.chat.disconnected",
            () => Disconnected,
            "{flag}",
            "1 while a ConnectyCube chat identity that should be connected is not, or the chat endpoint is unreachable");
    }

    /// <summary>The XMPP meters the identities' chat clients report to.</summary>
    public XmppMetrics Xmpp { get; }

    /// <summary>The gauge's value: 1 when chat is disconnected for this process, else 0.</summary>
    public int Disconnected => _unreachable || _identities.Keys.Any(c => !c.IsOnline) ? 1 : 0;

    /// <summary>Identities this process keeps logged in right now.</summary>
    public int Identities => _identities.Count;

    /// <summary>The host's probe of the chat endpoint (e.g. its readiness check) reports its latest result.</summary>
    public void ReportReachability(bool reachable) => _unreachable = !reachable;

    internal void Track(XmppClient chat) => _identities.TryAdd(chat, 0);

    internal void Untrack(XmppClient chat) => _identities.TryRemove(chat, out _);
}
