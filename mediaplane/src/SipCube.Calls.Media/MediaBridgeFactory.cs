using Microsoft.Extensions.Logging;
using SipCube.Calls.Ports;
using SipCube.Dtls;

namespace SipCube.Calls.Media;

/// <summary>
/// Creates the media bridge of each call (one phone-side RTP/RTCP port pair and one WebRTC peer connection, both
/// bound lazily when the first offer arrives). One instance per node; thread-safe.
/// </summary>
/// <remarks>RFC 3264 (offer/answer through the bridge), RFC 8829 (the WebRTC side), RFC 3550 (the phone side).</remarks>
public sealed class MediaBridgeFactory
{
    private readonly MediaBridgeOptions options;
    private readonly DtlsCertificate certificate;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly MediaBridgeMetrics? metrics;

    /// <summary>Creates the factory.</summary>
    /// <param name="options">Addresses, port ranges and timeouts.</param>
    /// <param name="certificate">The node's DTLS certificate (one per node, its fingerprint goes into every offer).</param>
    /// <param name="timeProvider">Clock for RTP arrival times, the media timeout and DTLS.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="metrics">The media meter, or null to record none.</param>
    public MediaBridgeFactory(MediaBridgeOptions options, DtlsCertificate certificate, TimeProvider timeProvider, ILoggerFactory loggerFactory, MediaBridgeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.MediaTimeout <= TimeSpan.Zero || options.MediaCheckInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("media timeout and check interval must be positive", nameof(options));
        }

        this.options = options;
        this.certificate = certificate;
        time = timeProvider;
        this.loggerFactory = loggerFactory;
        this.metrics = metrics;
    }

    /// <summary>The bridge of call <paramref name="callId"/>; it reports media timeouts into <paramref name="sink"/>.
    /// Nothing is bound until its first <see cref="IMediaBridge.CreateOfferAsync"/>.</summary>
    public IMediaBridge Create(string callId, CallEventSink sink)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(sink);
        return new MediaBridge(callId, sink, options, certificate, time, loggerFactory, metrics);
    }
}
