// Test-page helpers around the real ConnectyCube SDK: the Node driver calls these through page.evaluate and
// polls window.events. Every listener the SDK offers for P2P calls records what it saw.
window.events = [];
const record = (e) => window.events.push({ at: Date.now(), ...e });

window.setup = async ({ apiUrl, chatUrl, login, password, dialing = 5, answer = 60 }) => {
  const CC = window.ConnectyCube;
  CC.init({ appId: 1, authKey: 'sipcube-local' }, {
    endpoints: { api_url: apiUrl, chat: '127.0.0.1', chat_url: chatUrl },
    videochat: { iceServers: [], dialingTimeInterval: dialing, answerTimeInterval: answer },
    debug: { mode: 0 },
  });
  const session = await CC.createSession({ login, password });
  const userId = session.user_id ?? session.user.id;
  await CC.chat.connect({ userId, password });
  const vc = CC.videochat;
  vc.onCallListener = (s, userInfo) => {
    window.incoming = s;
    record({ e: 'call', callerId: s.initiatorID, callType: s.callType, sessionId: s.ID, opponents: s.opponentsIDs, userInfo });
  };
  vc.onAcceptCallListener = (s, uid, userInfo) => record({ e: 'accept', uid, userInfo });
  vc.onRejectCallListener = (s, uid, userInfo) => record({ e: 'reject', uid, userInfo });
  vc.onStopCallListener = (s, uid, userInfo) => record({ e: 'stop', uid, userInfo });
  vc.onUserNotAnswerListener = (s, uid) => record({ e: 'notAnswer', uid });
  vc.onRemoteStreamListener = (s, uid, stream) => record({ e: 'remoteStream', uid, kinds: stream.getTracks().map(t => t.kind).sort() });
  vc.onSessionConnectionStateChangedListener = (s, uid, state) => record({ e: 'state', uid, state });
  vc.onSessionCloseListener = (s) => record({ e: 'close', sessionId: s.ID });
  return userId;
};

window.placeCall = async (calleeId, callType, userInfo = {}) => {
  const s = window.ConnectyCube.videochat.createNewSession([calleeId], callType, {});
  await s.getUserMedia({ audio: true, video: callType === 1 });
  window.outgoing = s;
  s.call(userInfo);
  return s.ID;
};

window.acceptIncoming = async () => {
  const s = window.incoming;
  await s.getUserMedia({ audio: true, video: s.callType === 1 });
  s.accept({});
};

window.rejectIncoming = (userInfo = {}) => window.incoming.reject(userInfo);
window.stopOutgoing = () => window.outgoing.stop({});
window.stopIncoming = () => window.incoming.stop({});
window.iceStates = (which) => {
  const s = which === 'out' ? window.outgoing : window.incoming;
  return Object.values(s?.peerConnections ?? {}).map(pc => pc.iceConnectionState);
};
