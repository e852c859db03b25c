// The /demo page: one ConnectyCube app user on the real SDK, talking to whatever ConnectyCube the node uses
// (config.json). Everything a person can click is also on window.sipcubeDemo, which the test driver
// (tests/browser/app-user.mjs) calls; every event is pushed to window.sipcubeDriverEvent when the driver set it.
// ?tone=<hz> replaces the microphone with a WebAudio oscillator so tests can check which tone arrived.
(() => {
  'use strict';
  const CC = window.ConnectyCube;
  const $ = (id) => document.getElementById(id);
  const toneHz = Number(new URLSearchParams(location.search).get('tone')) || 0;
  const AUDIO_CALL = 2;
  const CONNECTED = 2;

  let config = null;
  let userId = null;
  let userLogin = null;
  let state = 'idle'; // idle | calling | ringing | active
  let session = null; // the one call this page has; a second incoming call is rejected as busy
  const endedSessions = new Set();
  let audioContext = null;
  let analyser = null;
  const events = [];

  function emit(e, detail = {}) {
    const event = { e, at: Date.now(), ...detail };
    events.push(event);
    const item = document.createElement('li');
    item.textContent = `${new Date(event.at).toISOString().slice(11, 23)} ${e} ${JSON.stringify(detail)}`;
    $('log').prepend(item);
    if (typeof window.sipcubeDriverEvent === 'function') window.sipcubeDriverEvent(event);
  }

  function setState(next, peer = '') {
    state = next;
    $('state').textContent = next;
    $('peer').textContent = peer;
    const loggedIn = userId !== null;
    $('call-btn').disabled = !loggedIn || next !== 'idle';
    $('answer-btn').disabled = next !== 'ringing';
    $('reject-btn').disabled = next !== 'ringing';
    $('hangup-btn').disabled = next === 'idle' || next === 'ringing';
    emit('state', { state: next });
  }

  function audio() {
    audioContext ??= new AudioContext();
    // Browsers start audio only after a user gesture; every button click passes through here.
    if (audioContext.state === 'suspended') audioContext.resume().catch(() => {});
    return audioContext;
  }

  // The SDK calls navigator.mediaDevices.getUserMedia itself; in tone mode it gets an oscillator instead of the
  // microphone, so the SDK's own media path (tracks added to its peer connection) is the one tested.
  if (toneHz > 0 && navigator.mediaDevices) {
    navigator.mediaDevices.getUserMedia = async () => {
      const ctx = audio();
      const oscillator = ctx.createOscillator();
      oscillator.frequency.value = toneHz;
      const gain = ctx.createGain();
      gain.gain.value = 0.3;
      const sink = ctx.createMediaStreamDestination();
      oscillator.connect(gain).connect(sink);
      oscillator.start();
      return sink.stream;
    };
  }

  function attachRemote(stream) {
    const element = $('remote-audio');
    element.srcObject = stream;
    element.play().catch(() => {});
    // Chromium delivers remote WebRTC audio to WebAudio only while a media element plays the stream too.
    const ctx = audio();
    analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    ctx.createMediaStreamSource(stream).connect(analyser);
  }

  function end(s, reason, detail = {}) {
    if (endedSessions.has(s.ID)) return;
    endedSessions.add(s.ID);
    if (session === s) {
      session = null;
      analyser = null;
      $('remote-audio').srcObject = null;
      setState('idle');
    }
    emit('ended', { reason, sessionId: s.ID, ...detail });
  }

  function listen() {
    const vc = CC.videochat;
    vc.onCallListener = (s, userInfo) => {
      if (session && session !== s) {
        s.reject({ reason: 'busy' });
        emit('busy', { callerId: s.initiatorID, sessionId: s.ID });
        return;
      }
      session = s;
      setState('ringing', `from ${s.initiatorID}`);
      emit('incoming', { callerId: s.initiatorID, sessionId: s.ID, callType: s.callType, userInfo: userInfo ?? {} });
    };
    vc.onAcceptCallListener = (s, uid, userInfo) => {
      if (s !== session) return;
      setState('active', `with ${uid}`);
      emit('accepted', { userId: uid, sessionId: s.ID, userInfo: userInfo ?? {} });
    };
    vc.onRejectCallListener = (s, uid, userInfo) => end(s, 'rejected', { userId: uid, userInfo: userInfo ?? {} });
    vc.onStopCallListener = (s, uid, userInfo) =>
      end(s, s === session && state === 'ringing' ? 'cancelled' : 'remote-hangup', { userId: uid, userInfo: userInfo ?? {} });
    vc.onUserNotAnswerListener = (s, uid) => {
      // Tell the callee to stop ringing: the SDK only releases the caller's side on its dialing timeout.
      end(s, 'no-answer', { userId: uid });
      s.stop({});
    };
    vc.onRemoteStreamListener = (s, uid, stream) => {
      if (s !== session) return;
      attachRemote(stream);
      emit('remote-stream', { userId: uid, kinds: stream.getTracks().map((t) => t.kind) });
    };
    vc.onSessionConnectionStateChangedListener = (s, uid, connectionState) => {
      emit('connection', { userId: uid, state: connectionState });
      if (connectionState === CONNECTED) emit('connected', { userId: uid, sessionId: s.ID });
    };
    // On a remote hang-up the SDK closes the session before it calls the stop listener: let that one name the reason.
    vc.onSessionCloseListener = (s) => setTimeout(() => end(s, 'closed'), 0);
  }

  async function init() {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    config = await response.json();
    const videochat = { dialingTimeInterval: config.dialingSeconds, answerTimeInterval: config.answerSeconds };
    // The emulator runs on loopback with no STUN/TURN; a real account keeps the SDK's own ICE servers.
    if (config.emulator) videochat.iceServers = [];
    CC.init({ appId: config.appId, authKey: config.authKey }, {
      endpoints: { api_url: config.apiUrl, chat: config.chatDomain, chat_url: config.chatUrl },
      videochat,
      debug: { mode: 0 },
    });
    listen();
    $('signup-btn').disabled = !config.emulator;
    setState('idle');
    emit('config', { emulator: config.emulator, apiUrl: config.apiUrl, chatUrl: config.chatUrl });
  }

  const ready = init();

  async function login(loginName, password, { signUp = false } = {}) {
    await ready;
    if (signUp) {
      await CC.createSession();
      try {
        await CC.users.signup({ login: loginName, password });
      } catch (error) {
        // An existing login is fine: sign-up then simply logs in.
        if (!JSON.stringify(error?.info ?? error ?? '').includes('taken')) throw error;
      }
    }
    const created = await CC.createSession({ login: loginName, password });
    userId = created.user_id ?? created.user?.id;
    userLogin = loginName;
    await CC.chat.connect({ userId, password });
    $('user-id').textContent = String(userId);
    setState('idle');
    emit('ready', { userId, login: loginName });
    return userId;
  }

  async function resolveCallee(target) {
    const text = String(target).trim();
    if (/^\d+$/.test(text)) return Number(text);
    const sipUri = text.startsWith('sip:') ? text : `sip:${text}`;
    const response = await fetch(`/api/mappings?sipUri=${encodeURIComponent(sipUri)}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`mapping lookup for ${sipUri}: HTTP ${response.status}`);
    const id = (await response.json()).items?.[0]?.connectyCubeUserId;
    if (!id) throw new Error(`${sipUri} has no mapping with a ConnectyCube user id`);
    return Number(id);
  }

  async function call(target) {
    if (userId === null) throw new Error('log in first');
    if (session) throw new Error(`a call is already ${state}`);
    const calleeId = await resolveCallee(target);
    const s = CC.videochat.createNewSession([calleeId], AUDIO_CALL, {});
    session = s;
    try {
      await s.getUserMedia({ audio: true, video: false });
    } catch (error) {
      session = null;
      throw error;
    }
    setState('calling', `to ${calleeId}`);
    s.call({ callerName: userLogin ?? `user ${userId}` });
    emit('calling', { calleeId, sessionId: s.ID });
    return { calleeId, sessionId: s.ID };
  }

  async function answer() {
    const s = session;
    if (!s || state !== 'ringing') throw new Error('no incoming call');
    await s.getUserMedia({ audio: true, video: false });
    s.accept({});
    setState('active', `with ${s.initiatorID}`);
    return { sessionId: s.ID, callerId: s.initiatorID };
  }

  function reject(reason = 'busy') {
    const s = session;
    if (!s || state !== 'ringing') throw new Error('no incoming call');
    // The SDK closes the session (and fires its close listener) inside reject/stop: record the reason first.
    end(s, 'local-reject');
    s.reject({ reason });
    return { sessionId: s.ID };
  }

  function hangUp() {
    const s = session;
    if (!s) throw new Error('no call');
    end(s, 'local-hangup');
    s.stop({});
    return { sessionId: s.ID };
  }

  // One look at the remote spectrum: the loudest bin, refined by parabolic interpolation of its neighbours.
  function remoteTone() {
    if (!analyser) return { hz: 0, db: null };
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 1;
    for (let i = 2; i < bins.length - 1; i++) if (bins[i] > bins[best]) best = i;
    const [a, b, c] = [bins[best - 1], bins[best], bins[best + 1]];
    const shift = Number.isFinite(a + b + c) && a - 2 * b + c !== 0 ? (0.5 * (a - c)) / (a - 2 * b + c) : 0;
    const hz = ((best + shift) * analyser.context.sampleRate) / analyser.fftSize;
    return { hz: Math.round(hz), db: Number.isFinite(b) ? Math.round(b * 10) / 10 : null };
  }

  // The median loud peak over `ms` milliseconds, so one glitchy frame cannot decide the answer.
  async function measureTone(ms = 1000) {
    const samples = [];
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const sample = remoteTone();
      if (sample.db !== null && sample.db > -90) samples.push(sample);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (samples.length === 0) return { hz: 0, db: null, samples: 0 };
    const sorted = samples.map((s) => s.hz).sort((x, y) => x - y);
    return { hz: sorted[Math.floor(sorted.length / 2)], db: Math.max(...samples.map((s) => s.db)), samples: samples.length };
  }

  async function stats() {
    const result = { packetsReceived: 0, bytesReceived: 0, packetsSent: 0, bytesSent: 0, codec: null, iceState: null };
    for (const pc of Object.values(session?.peerConnections ?? {})) {
      result.iceState = pc.iceConnectionState;
      const report = await pc.getStats();
      report.forEach((r) => {
        if (r.kind !== 'audio') return;
        if (r.type === 'inbound-rtp') {
          result.packetsReceived += r.packetsReceived ?? 0;
          result.bytesReceived += r.bytesReceived ?? 0;
          result.codec = report.get(r.codecId)?.mimeType ?? result.codec;
        } else if (r.type === 'outbound-rtp') {
          result.packetsSent += r.packetsSent ?? 0;
          result.bytesSent += r.bytesSent ?? 0;
          result.codec ??= report.get(r.codecId)?.mimeType ?? null;
        }
      });
    }
    return result;
  }

  // DTMF as a keypad would send it: RFC 4733 events on the audio sender (W3C webrtc §7 RTCDTMFSender). A sender can
  // insert only once it sends media, i.e. after DTLS completes, which is a moment after ICE reports "connected": a
  // digit pressed in between waits up to 5 s instead of being refused.
  async function sendDtmf(tones, durationMs = 120) {
    for (const pc of Object.values(session?.peerConnections ?? {})) {
      const sender = pc.getSenders().find((s) => s.track?.kind === 'audio' && s.dtmf);
      if (!sender) continue;
      const until = Date.now() + 5000;
      while (!sender.dtmf.canInsertDTMF && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!sender.dtmf.canInsertDTMF) return { sent: false, reason: 'the negotiated audio has no telephone-event' };
      sender.dtmf.insertDTMF(tones, durationMs, 100);
      return { sent: true };
    }
    return { sent: false, reason: 'no call' };
  }

  function clicked(action) {
    return async () => {
      audio();
      try {
        await action();
      } catch (error) {
        emit('error', { message: String(error?.message ?? JSON.stringify(error)) });
      }
    };
  }

  $('login-btn').addEventListener('click', clicked(() => login($('login').value, $('password').value)));
  $('signup-btn').addEventListener('click', clicked(() => login($('login').value, $('password').value, { signUp: true })));
  $('call-btn').addEventListener('click', clicked(() => call($('callee').value)));
  $('answer-btn').addEventListener('click', clicked(answer));
  $('reject-btn').addEventListener('click', clicked(() => reject()));
  $('hangup-btn').addEventListener('click', clicked(hangUp));
  ready.catch((error) => emit('error', { message: `init failed: ${error.message}` }));

  window.sipcubeDemo = {
    ready,
    events,
    get state() { return state; },
    get userId() { return userId; },
    get toneHz() { return toneHz; },
    login, call, answer, reject, hangUp, remoteTone, measureTone, stats, sendDtmf,
  };
})();
