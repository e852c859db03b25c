// One real ConnectyCube SDK user in headless Chromium facing our C# signalling through the emulator.
// Usage: node csharp-peer.mjs <callee-reject|callee-wait-stop|caller-expect-reject|caller-hangup> <apiUrl> <chatUrl> <login> <password> [peerId]
import { runMain } from '../../browser/chromium.mjs';
import { startBrowser, waitEvent, events } from '../../SipCube.ConnectyCube.Emulator.Tests/browser/sdk-driver.mjs';

const [scenario, apiUrl, chatUrl, login, password, peerId] = process.argv.slice(2);
const sleep = (ms) => new Promise(r => setTimeout(r, ms));

runMain(async () => {
  const browser = await startBrowser(apiUrl, chatUrl);
  try {
    const me = await browser.open(login, password);
    process.stdout.write(`READY ${me.userId}\n`);
    const result = { userId: me.userId };
    if (scenario.startsWith('callee')) {
      result.call = await waitEvent(me.page, 'call', 30000);
      process.stdout.write('CALL\n');
      if (scenario === 'callee-reject') {
        // Not inside onCallListener: the SDK only has peer connections to reject once the listener returned.
        await sleep(300);
        await me.page.evaluate(() => window.rejectIncoming({ reason: 'declined-by-browser' }));
        await sleep(1000);
      } else {
        result.stop = await waitEvent(me.page, 'stop', 30000);
      }
    } else {
      result.sessionId = await me.page.evaluate(([id]) => window.placeCall(id, 2, { callerName: 'Browser' }), [Number(peerId)]);
      if (scenario === 'caller-expect-reject') {
        result.reject = await waitEvent(me.page, 'reject', 30000);
      } else {
        await sleep(2500);
        await me.page.evaluate(() => window.stopOutgoing());
        await sleep(1000);
      }
    }

    result.events = (await events(me.page)).map(e => e.e);
    return result;
  } finally {
    await browser.close();
  }
});
