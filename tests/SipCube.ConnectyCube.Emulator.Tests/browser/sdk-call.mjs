// Two real ConnectyCube SDK users in headless Chromium call each other through the emulator.
// Usage: node sdk-call.mjs <accept-audio|accept-video|reject|no-answer> <apiUrl> <chatUrl> <runId>
import { runMain } from '../../browser/chromium.mjs';
import { startBrowser, waitEvent, events } from './sdk-driver.mjs';

const [scenario, apiUrl, chatUrl, runId] = process.argv.slice(2);

runMain(async () => {
  const browser = await startBrowser(apiUrl, chatUrl);
  try {
    const noAnswer = scenario === 'no-answer';
    const caller = await browser.open(`caller-${runId}`, 'pw-caller', noAnswer ? { dialing: 2, answer: 7 } : {});
    const callee = await browser.open(`callee-${runId}`, 'pw-callee');
    const callType = scenario === 'accept-video' ? 1 : 2;
    await caller.page.evaluate(([id, t]) => window.placeCall(id, t, { callerName: 'Browser caller' }), [callee.userId, callType]);
    const call = await waitEvent(callee.page, 'call');
    const result = { callerId: caller.userId, calleeId: callee.userId, call };

    if (scenario.startsWith('accept')) {
      await callee.page.evaluate(() => window.acceptIncoming());
      result.accept = await waitEvent(caller.page, 'accept');
      result.callerRemote = await waitEvent(caller.page, 'remoteStream');
      result.calleeRemote = await waitEvent(callee.page, 'remoteStream');
      result.callerConnected = await waitEvent(caller.page, 'state', 20000, { state: 2 });
      result.calleeConnected = await waitEvent(callee.page, 'state', 20000, { state: 2 });
      result.callerIce = await caller.page.evaluate(() => window.iceStates('out'));
      result.calleeIce = await callee.page.evaluate(() => window.iceStates('in'));
      await caller.page.evaluate(() => window.stopOutgoing());
      result.calleeStop = await waitEvent(callee.page, 'stop');
      await callee.page.evaluate(() => window.stopIncoming());
      result.calleeClosed = await waitEvent(callee.page, 'close');
      result.callerClosed = await waitEvent(caller.page, 'close');
    } else if (scenario === 'reject') {
      await callee.page.evaluate(() => window.rejectIncoming({ reason: 'busy' }));
      result.reject = await waitEvent(caller.page, 'reject');
    } else if (noAnswer) {
      result.notAnswer = await waitEvent(caller.page, 'notAnswer', 25000);
    }

    result.callerEvents = (await events(caller.page)).map(e => e.e);
    result.calleeEvents = (await events(callee.page)).map(e => e.e);
    return result;
  } finally {
    await browser.close();
  }
});
