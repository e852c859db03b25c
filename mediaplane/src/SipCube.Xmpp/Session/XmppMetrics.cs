using System.Diagnostics.Metrics;

namespace SipCube.Xmpp.Session;

/// <summary>Meters of the XMPP client library (one instance per process, from <see cref="IMeterFactory"/>).</summary>
/// <remarks>
/// <c>sipcube.xmpp.connections</c> counts clients by <c>state</c> (<c>connecting</c>, <c>connected</c>,
/// <c>reconnecting</c>): each client moves its own unit between the states, so the three always sum to the live clients.
/// </remarks>
public sealed class XmppMetrics
{
    /// <summary>Meter name.</summary>
    public const string MeterName = "SipCube.Xmpp";

    private readonly Counter<long> _connects;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _badStanzas;
    private readonly UpDownCounter<long> _online;
    private readonly long[] _byState = new long[4];

    /// <summary>Creates the instruments.</summary>
    public XmppMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _connects = meter.CreateCounter<long>("sipcube.xmpp.connects", description: "XMPP sessions that reached bind");
        _disconnects = meter.CreateCounter<long>("sipcube.xmpp.disconnects", description: "XMPP sessions that ended");
        _badStanzas = meter.CreateCounter<long>("sipcube.xmpp.bad_stanzas", description: "Refused inbound stanzas");
        _online = meter.CreateUpDownCounter<long>("sipcube.xmpp.sessions.active", description: "Bound XMPP sessions");
        meter.CreateObservableUpDownCounter(
            "sipcube.xmpp.connections",
            ObserveStates,
            "{connection}",
            "XMPP client connections by state (connecting, connected, reconnecting)");
    }

    /// <summary>Clients in <paramref name="state"/> right now.</summary>
    public long Count(XmppConnectionState state) => Interlocked.Read(ref _byState[(int)state]);

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

    /// <summary>Moves one client from <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal void Transition(XmppConnectionState from, XmppConnectionState to)
    {
        if (from == to)
        {
            return;
        }

        if (from != XmppConnectionState.None)
        {
            Interlocked.Decrement(ref _byState[(int)from]);
        }

        if (to != XmppConnectionState.None)
        {
            Interlocked.Increment(ref _byState[(int)to]);
        }
    }

    private IEnumerable<Measurement<long>> ObserveStates() =>
    [
        new(Count(XmppConnectionState.Connecting), new KeyValuePair<string, object?>("state", "connecting")),
        new(Count(XmppConnectionState.Connected), new KeyValuePair<string, object?>("state", "connected")),
        new(Count(XmppConnectionState.Reconnecting), new KeyValuePair<string, object?>("state", "reconnecting")),
    ];
}
