// Test page for SipCube.WebRtc interop: one RTCPeerConnection against our endpoint. The node driver does the
// signalling (it talks to the C# test over HTTP) and calls these functions through page.evaluate.
'use strict';
let pc, stream, t0;

window.prepare = async ({ audioCodec, video }) => {
  // With video: Chromium's fake camera (--use-fake-device-for-media-stream) is the source, VP8 preferred.
  stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: video ? { width: 320, height: 240, frameRate: 15 } : false });
  pc = new RTCPeerConnection({ iceServers: [] });
  const remote = new MediaStream();
  pc.ontrack = e => { remote.addTrack(e.track); const el = document.getElementById('remote'); el.srcObject = remote; el.play().catch(() => {}); };
  window.audioCodec = audioCodec;
};

// The browser offers: its own transceiver, with the wanted codec first.
window.createOffer = async () => {
  const tr = pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
  const codec = window.audioCodec;
  if (codec) {
    const all = RTCRtpSender.getCapabilities('audio').codecs;
    const same = c => c.mimeType.toLowerCase() === codec.toLowerCase();
    tr.setCodecPreferences([...all.filter(same), ...all.filter(c => !same(c))]);
  }
  const camera = stream.getVideoTracks()[0];
  if (camera) {
    const vt = pc.addTransceiver(camera, { direction: 'sendrecv', streams: [stream] });
    const all = RTCRtpSender.getCapabilities('video').codecs;
    const vp8 = c => c.mimeType.toLowerCase() === 'video/vp8';
    vt.setCodecPreferences([...all.filter(vp8), ...all.filter(c => !vp8(c))]);
  }
  await pc.setLocalDescription();
  return pc.localDescription.sdp;
};

// We offer: the offer creates the transceiver, the page attaches its microphone to it before answering.
window.acceptOffer = async (sdp) => {
  t0 = performance.now();
  await pc.setRemoteDescription({ type: 'offer', sdp });
  for (const tr of pc.getTransceivers()) {
    const track = stream.getTracks().find(t => t.kind === tr.receiver.track.kind);
    if (!track) continue;
    await tr.sender.replaceTrack(track);
    tr.sender.setStreams(stream);
    tr.direction = 'sendrecv';
  }
  await pc.setLocalDescription();
  return pc.localDescription.sdp;
};

window.acceptAnswer = async (sdp) => { t0 = performance.now(); await pc.setRemoteDescription({ type: 'answer', sdp }); };

window.waitConnected = async (timeoutMs) => {
  while (pc.connectionState !== 'connected') {
    if (pc.connectionState === 'failed' || performance.now() - t0 > timeoutMs) {
      throw new Error('not connected: ice=' + pc.iceConnectionState + ' conn=' + pc.connectionState);
    }
    await new Promise(r => setTimeout(r, 20));
  }
  return performance.now() - t0;
};

async function snapshot() {
  const s = await pc.getStats();
  const all = [...s.values()];
  const one = type => all.find(r => r.type === type && (r.kind === undefined || r.kind === 'audio'));
  const inbound = one('inbound-rtp'), outbound = one('outbound-rtp'), remoteInbound = one('remote-inbound-rtp');
  const transport = one('transport');
  const pair = transport && s.get(transport.selectedCandidatePairId);
  const videoIn = all.find(r => r.type === 'inbound-rtp' && r.kind === 'video');
  const videoOut = all.find(r => r.type === 'outbound-rtp' && r.kind === 'video');
  return {
    inbound: inbound && { packetsReceived: inbound.packetsReceived, packetsLost: inbound.packetsLost, codec: s.get(inbound.codecId)?.mimeType,
                          jitter: inbound.jitter, packetsDiscarded: inbound.packetsDiscarded },
    outbound: outbound && { packetsSent: outbound.packetsSent, codec: s.get(outbound.codecId)?.mimeType },
    remoteInbound: remoteInbound && { roundTripTime: remoteInbound.roundTripTime, packetsLost: remoteInbound.packetsLost,
                                      roundTripTimeMeasurements: remoteInbound.roundTripTimeMeasurements },
    transport: transport && { dtlsState: transport.dtlsState, dtlsRole: transport.dtlsRole, srtpCipher: transport.srtpCipher,
                              tlsVersion: transport.tlsVersion, dtlsCipher: transport.dtlsCipher },
    videoInbound: videoIn && { packetsReceived: videoIn.packetsReceived, framesDecoded: videoIn.framesDecoded, keyFramesDecoded: videoIn.keyFramesDecoded,
                               pliCount: videoIn.pliCount, firCount: videoIn.firCount, codec: s.get(videoIn.codecId)?.mimeType },
    videoOutbound: videoOut && { packetsSent: videoOut.packetsSent, framesEncoded: videoOut.framesEncoded, keyFramesEncoded: videoOut.keyFramesEncoded,
                                 pliCount: videoOut.pliCount, firCount: videoOut.firCount },
    pair: pair && { currentRoundTripTime: pair.currentRoundTripTime, local: s.get(pair.localCandidateId)?.address,
                    remote: s.get(pair.remoteCandidateId)?.address, remotePort: s.get(pair.remoteCandidateId)?.port },
  };
}

// Lets media flow for at least minMs, then until the browser has an RTCP round-trip time and enough packets.
window.collect = async ({ minMs, maxMs, minPackets }) => {
  const start = performance.now();
  let snap;
  for (;;) {
    await new Promise(r => setTimeout(r, 250));
    snap = await snapshot();
    const elapsed = performance.now() - start;
    const videoReady = !stream.getVideoTracks().length || snap.videoInbound?.framesDecoded > 0;
    const ready = snap.inbound?.packetsReceived >= minPackets && snap.remoteInbound?.roundTripTime !== undefined && videoReady;
    if ((elapsed >= minMs && ready) || elapsed >= maxMs) break;
  }
  pc.close();
  stream.getTracks().forEach(t => t.stop());
  return snap;
};
