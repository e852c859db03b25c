using System.Diagnostics.Metrics;

namespace SipCube.Xmpp.Session;

/// <summary>Meters of the XMPP client library (one instance per process, from <see cref="IMeterFactory"/>).</summary>
public sealed class XmppMetrics
{
    /// <summary>Meter name.</summary>
    public const string MeterName = "SipCube.Xmpp";

    private readonly Counter<long> _connects;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _badStanzas;
    private readonly UpDownCounter<long> _online;

    /// <summary>Creates the instruments.</summary>
    public XmppMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _connects = meter.CreateCounter<long>("sipcube.xmpp.connects", description: "XMPP sessions that reached bind");
        _disconnects = meter.CreateCounter<long>("sipcube.xmpp.disconnects", description: "XMPP sessions that ended");
        _badStanzas = meter.CreateCounter<long>("sipcube.xmpp.bad_stanzas", description: "Refused inbound stanzas");
        _online = meter.CreateUpDownCounter<long>("sipcube.xmpp.sessions.active", description: "Bound XMPP sessions");
    }

    internal void Connected()
    {
        _connects.Add(1);
        _online.Add(1);
    }

    internal void Disconnected()
    {
        _disconnects.Add(1);
        _online.Add(-1);
    }

    internal void BadStanza() => _badStanzas.Add(1);
}
