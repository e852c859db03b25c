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

    /// <summary>
    /// A phone's in-dialog re-offer (re-INVITE: hold with sendonly/inactive, resume, codec change): applies it to the
    /// phone side only, keeps the WebRTC leg, its ICE/DTLS/SRTP state and its codec, and returns the SDP answer for the
    /// phone. Throws <see cref="IncompatibleMediaException"/> when nothing in the offer can be carried; the session then
    /// keeps its previous media (the SIP adapter answers 488).
    /// </summary>
    /// <remarks>RFC 3261 §14.2, RFC 3264 §8 (modifying the session; §8.4 hold).</remarks>
    ValueTask<string> UpdateFromPhoneAsync(string remoteOffer, CancellationToken cancellationToken);

    /// <summary>A digit the phone signalled out of band (SIP INFO, application/dtmf-relay): sent toward the app as
    /// RFC 4733 telephone-events lasting <paramref name="duration"/>. Ignored when the app leg has no
    /// telephone-event format or the bridge is not relaying.</summary>
    /// <remarks>RFC 4733 §2.5 (sender rules: marker on the first packet, three End packets).</remarks>
    void SendDtmfToApp(char digit, TimeSpan duration);

    /// <summary>Current counters of both legs.</summary>
    MediaBridgeStats GetStats();
}
