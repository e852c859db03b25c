namespace SipCube.Calls.Ports;

/// <summary>
/// The media of one call: one RTP endpoint toward the phone, one WebRTC endpoint toward the app, and the relay
/// between them. SDP is passed as opaque text; the adapter builds each side's offer from the other side's codecs so
/// both pick a shared one (passthrough), and reports a dead leg as <see cref="CallEvent.MediaTimedOut"/>.
/// </summary>
/// <remarks>RFC 3264 (offer/answer).</remarks>
public interface IMediaBridge : IAsyncDisposable
{
    /// <summary>Takes the offer received from <paramref name="offeringSide"/> and returns the offer to send to the
    /// other side.</summary>
    ValueTask<string> CreateOfferAsync(MediaSide offeringSide, string remoteOffer, CancellationToken cancellationToken);

    /// <summary>Takes the answer received from <paramref name="answeringSide"/>, starts relaying, and returns the
    /// answer to send back to the offering side.</summary>
    ValueTask<string> CompleteAsync(MediaSide answeringSide, string remoteAnswer, CancellationToken cancellationToken);

    /// <summary>Current counters of both legs.</summary>
    MediaBridgeStats GetStats();
}
