// Drives one Chromium RTCPeerConnection as the app side of a SipCube media bridge in the calling C# test.
// Usage: node bridge-call.mjs <signalUrl> <mode: phone-to-app|app-to-phone>
// phone-to-app: GET <signalUrl>/offer (the bridge's WebRTC offer), POST <signalUrl>/answer.
// app-to-phone: POST <signalUrl>/offer (audio + recvonly video, like the SDK) -> the bridge's answer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, runMain } from '../../browser/chromium.mjs';
import { serve } from '../../browser/static-server.mjs';

const [signalUrl, mode] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));

runMain(async () => {
  const site = await serve(here);
  const browser = await launch();
  try {
    const page = browser.page;
    await page.goto(site.url + '/page.html');
    await page.evaluate(() => window.prepare());
    let remoteSdp;
    if (mode === 'app-to-phone') {
      const offer = await page.evaluate(() => window.createOffer(true));
      const res = await fetch(signalUrl + '/offer', { method: 'POST', body: offer });
      if (!res.ok) throw new Error('signal /offer: ' + res.status + ' ' + await res.text());
      remoteSdp = await res.text();
      await page.evaluate(sdp => window.acceptAnswer(sdp), remoteSdp);
    } else {
      const res = await fetch(signalUrl + '/offer');
      if (!res.ok) throw new Error('signal GET /offer: ' + res.status);
      remoteSdp = await res.text();
      const answer = await page.evaluate(sdp => window.acceptOffer(sdp), remoteSdp);
      const posted = await fetch(signalUrl + '/answer', { method: 'POST', body: answer });
      if (!posted.ok) throw new Error('signal /answer: ' + posted.status + ' ' + await posted.text());
    }
    const connectMs = await page.evaluate(ms => window.waitConnected(ms), 15000);
    const stats = await page.evaluate(o => window.collect(o), { minMs: 2000, maxMs: 15000, minPackets: 50 });
    return { connectMs, ...stats };
  } finally {
    await browser.close();
    await site.close();
  }
}, 50000);
