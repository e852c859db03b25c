// One real ConnectyCube SDK user in headless Chromium facing the bridge's app legs through the emulator.
// Usage: node bridge-peer.mjs <caller|callee-accept> <apiUrl> <chatUrl> <login> <password> [peerId]
//   caller:        calls peerId (a phone identity), prints CALLING, hangs up when a line "stop" arrives on stdin.
//   callee-accept: waits for a call, accepts it, waits for the bridge's hangUp.
import readline from 'node:readline';
import { runMain } from '../../browser/chromium.mjs';
import { startBrowser, waitEvent, events } from '../../SipCube.ConnectyCube.Emulator.Tests/browser/sdk-driver.mjs';

const [scenario, apiUrl, chatUrl, login, password, peerId] = process.argv.slice(2);
const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise(resolve => lines.once('line', resolve));
const sleep = (ms) => new Promise(r => setTimeout(r, ms));

runMain(async () => {
  const browser = await startBrowser(apiUrl, chatUrl);
  try {
    const me = await browser.open(login, password);
    process.stdout.write(`READY ${me.userId}\n`);
    const result = { userId: me.userId };
    if (scenario === 'caller') {
      result.sessionId = await me.page.evaluate(([id]) => window.placeCall(id, 2, { callerName: 'Browser App' }), [Number(peerId)]);
      process.stdout.write(`CALLING ${result.sessionId}\n`);
      await nextLine();
      await me.page.evaluate(() => window.stopOutgoing());
      await sleep(500);
    } else {
      result.call = await waitEvent(me.page, 'call', 30000);
      process.stdout.write('CALL\n');
      // Not inside onCallListener: the SDK creates its peer connections only after the listener returned.
      await sleep(300);
      await me.page.evaluate(() => window.acceptIncoming());
      result.stop = await waitEvent(me.page, 'stop', 30000);
    }

    result.events = (await events(me.page)).map(e => e.e);
    return result;
  } finally {
    lines.close();
    await browser.close();
  }
});
