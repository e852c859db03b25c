using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Calls.Ports;
using SipCube.Sip;
using SipCube.Sip.Registrar;

namespace SipCube.Calls.Sip;

/// <summary>
/// The SIP edge's shared state and its outbound half: creates one <see cref="ISipLeg"/> per fork of an app -> phone
/// call (an INVITE to one registered contact, sent on the flow the phone registered on), and keeps every live leg by
/// dialog so <see cref="SipCallHandlers"/> can route in-dialog requests to it.
/// </summary>
/// <remarks>RFC 3261 §13.2 (UAC INVITE), §16.6 (one request per target), RFC 5626 §5 (requests to a registered UA go
/// over its flow).</remarks>
public sealed class SipLegFactory
{
    /// <summary>Creates the factory.</summary>
    /// <param name="endpoint">The node's SIP endpoint (transports and transactions).</param>
    /// <param name="location">The registrar's location service (bindings and their flows).</param>
    /// <param name="options">Our domain, display name and User-Agent.</param>
    /// <param name="loggerFactory">Logging; null logs nothing.</param>
    /// <param name="metrics">Instruments; null records on a private meter.</param>
    public SipLegFactory(SipEndpoint endpoint, ILocationService location, SipCallOptions? options = null, ILoggerFactory? loggerFactory = null,
        SipCallsMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(location);
        Endpoint = endpoint;
        Location = location;
        Options = options ?? new SipCallOptions();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SipCube.Calls.Sip");
        Metrics = metrics ?? new SipCallsMetrics(null);
        Legs = new SipLegTable(Metrics);
    }

    /// <summary>The endpoint the legs use.</summary>
    public SipEndpoint Endpoint { get; }

    /// <summary>Settings.</summary>
    public SipCallOptions Options { get; }

    /// <summary>Legs in-dialog requests can reach: inbound ones from their INVITE, outbound ones from their 2xx.</summary>
    public int ActiveDialogs => Legs.Count;

    internal ILocationService Location { get; }

    internal ILogger Logger { get; }

    internal SipLegTable Legs { get; }

    internal SipCallsMetrics Metrics { get; }

    /// <summary>
    /// An outbound leg (one fork) toward <paramref name="contact"/>, a Contact URI the phone registered (as
    /// <see cref="SipContactLocator"/> returns it). Nothing is sent until <see cref="ISipLeg.InviteAsync"/>.
    /// </summary>
    /// <param name="callId">Our call id (for logs).</param>
    /// <param name="contact">The registered contact to ring.</param>
    /// <param name="sink">Where the leg reports the phone's answers.</param>
    /// <param name="callerDisplayName">Display name for our From header; null uses <see cref="SipCallOptions.DisplayName"/>.</param>
    public ISipLeg Create(string callId, SipContact contact, CallEventSink sink, string? callerDisplayName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(sink);
        return new OutboundSipLeg(this, callId, contact, sink, callerDisplayName);
    }

    internal ContactBinding? FindBinding(string contactUri) =>
        Location.AllBindings().FirstOrDefault(b => string.Equals(b.Contact, contactUri, StringComparison.Ordinal));

    /// <summary>Runs a fire-and-forget operation of a leg; a failure is logged, never thrown into the call.</summary>
    internal async Task RunDetachedAsync(string callId, string legId, string operation, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a detached leg operation must never crash the node; the leg reports its own failure
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SipCallsLog.OperationFailed(Logger, callId, legId, operation, ex);
        }
    }
}
