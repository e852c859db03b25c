using System.Net;
using SipCube.Dtls;

namespace SipCube.LoadHarness.Bridge;

/// <summary>What one <see cref="LoadCall"/> takes from the node's offer and our answer.</summary>
/// <param name="Remote">The node's ICE candidate (its WebRTC port).</param>
/// <param name="Username">STUN USERNAME of our checks: <c>nodeUfrag:ourUfrag</c> (RFC 8445 §7.2.2).</param>
/// <param name="RemotePassword">The node's ice-pwd, the MESSAGE-INTEGRITY key of our checks.</param>
/// <param name="RemoteFingerprint">The node's sha-256 certificate fingerprint.</param>
/// <param name="Certificate">Our DTLS certificate (one for the whole harness, as one browser profile has).</param>
/// <param name="PayloadType">The payload type we send.</param>
/// <param name="SamplesPerFrame">RTP timestamp step per 20 ms frame.</param>
/// <param name="Payload">The frame payload template.</param>
/// <param name="TaggedPayload">True when the payload carries our tag and send timestamp (passthrough: it comes back
/// byte for byte); false for a codec the node transcodes (the frame must stay a valid one).</param>
internal sealed record LoadCallSetup(
    IPEndPoint Remote,
    string Username,
    string RemotePassword,
    string RemoteFingerprint,
    DtlsCertificate Certificate,
    int PayloadType,
    int SamplesPerFrame,
    ReadOnlyMemory<byte> Payload,
    bool TaggedPayload);
