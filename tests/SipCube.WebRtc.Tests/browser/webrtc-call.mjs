// Drives one Chromium RTCPeerConnection against the SipCube endpoint of the calling C# test.
// Usage: node webrtc-call.mjs <signalUrl> <mode: chrome-offers|we-offer> <audioCodec e.g. audio/opus> [video]
// Signalling: we-offer: GET <signalUrl>/offer, POST <signalUrl>/answer; chrome-offers: POST <signalUrl>/offer -> answer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, runMain } from '../../browser/chromium.mjs';
import { serve } from '../../browser/static-server.mjs';

const [signalUrl, mode, audioCodec, withVideo] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));

runMain(async () => {
  const site = await serve(here);
  const browser = await launch();
  try {
    const page = browser.page;
    await page.goto(site.url + '/page.html');
    await page.evaluate(o => window.prepare(o), { audioCodec, video: withVideo === 'video' });
    if (mode === 'chrome-offers') {
      const offer = await page.evaluate(() => window.createOffer());
      const res = await fetch(signalUrl + '/offer', { method: 'POST', body: offer });
      if (!res.ok) throw new Error('signal /offer: ' + res.status + ' ' + await res.text());
      await page.evaluate(sdp => window.acceptAnswer(sdp), await res.text());
    } else {
      const res = await fetch(signalUrl + '/offer');
      if (!res.ok) throw new Error('signal GET /offer: ' + res.status);
      const answer = await page.evaluate(sdp => window.acceptOffer(sdp), await res.text());
      const posted = await fetch(signalUrl + '/answer', { method: 'POST', body: answer });
      if (!posted.ok) throw new Error('signal /answer: ' + posted.status + ' ' + await posted.text());
    }
    const connectMs = await page.evaluate(ms => window.waitConnected(ms), 15000);
    const stats = await page.evaluate(o => window.collect(o), { minMs: 2500, maxMs: 15000, minPackets: 50 });
    return { connectMs, ...stats };
  } finally {
    await browser.close();
    await site.close();
  }
}, 50000);
