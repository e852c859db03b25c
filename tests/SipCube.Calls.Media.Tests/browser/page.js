// Test page for the SipCube media bridge: one RTCPeerConnection playing the ConnectyCube app's part. The node driver
// does the signalling (HTTP to the C# test) and calls these functions through page.evaluate.
'use strict';
let pc, stream, t0;

window.prepare = async () => {
  stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  pc = new RTCPeerConnection({ iceServers: [] });
  const remote = new MediaStream();
  pc.ontrack = e => { remote.addTrack(e.track); const el = document.getElementById('remote'); el.srcObject = remote; el.play().catch(() => {}); };
};

// App -> phone: the browser offers everything it has, as the ConnectyCube SDK does (audio and video).
window.createOffer = async (withVideo) => {
  pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
  if (withVideo) pc.addTransceiver('video', { direction: 'recvonly' });
  await pc.setLocalDescription();
  return pc.localDescription.sdp;
};

// Phone -> app: the bridge offers, the page attaches its microphone and answers.
window.acceptOffer = async (sdp) => {
  t0 = performance.now();
  await pc.setRemoteDescription({ type: 'offer', sdp });
  const tr = pc.getTransceivers()[0];
  await tr.sender.replaceTrack(stream.getAudioTracks()[0]);
  tr.sender.setStreams(stream);
  tr.direction = 'sendrecv';
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
  const inbound = one('inbound-rtp'), outbound = one('outbound-rtp'), transport = one('transport');
  return {
    inbound: inbound && { packetsReceived: inbound.packetsReceived, packetsLost: inbound.packetsLost, codec: s.get(inbound.codecId)?.mimeType,
                          payloadType: s.get(inbound.codecId)?.payloadType, totalAudioEnergy: inbound.totalAudioEnergy,
                          concealedSamples: inbound.concealedSamples, totalSamplesReceived: inbound.totalSamplesReceived },
    outbound: outbound && { packetsSent: outbound.packetsSent, codec: s.get(outbound.codecId)?.mimeType, payloadType: s.get(outbound.codecId)?.payloadType },
    transport: transport && { dtlsState: transport.dtlsState, srtpCipher: transport.srtpCipher },
  };
}

// Lets media flow for at least minMs, then until the page has received minPackets.
window.collect = async ({ minMs, maxMs, minPackets }) => {
  const start = performance.now();
  let snap;
  for (;;) {
    await new Promise(r => setTimeout(r, 250));
    snap = await snapshot();
    const elapsed = performance.now() - start;
    if ((elapsed >= minMs && snap.inbound?.packetsReceived >= minPackets) || elapsed >= maxMs) break;
  }
  pc.close();
  stream.getTracks().forEach(t => t.stop());
  return snap;
};
